using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsBot.Bot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SlackRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SlackRequests",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlackRequests", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlackRequests_ExpiresAtMs",
                table: "SlackRequests",
                column: "ExpiresAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlackRequests");
        }
    }
}
