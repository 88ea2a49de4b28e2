using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsBot.Bot.Storage.Migrations.Postgres
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
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "bigint", nullable: false)
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
