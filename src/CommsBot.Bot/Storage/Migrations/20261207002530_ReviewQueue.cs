using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CommsBot.Bot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ReviewWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewChannels",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RegisteredAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewChannels", x => x.Scope);
                });

            migrationBuilder.CreateTable(
                name: "ReviewRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OriginConversationId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RuleIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DraftCipher = table.Column<string>(type: "TEXT", nullable: true),
                    NoteCipher = table.Column<string>(type: "TEXT", nullable: true),
                    WantedBy = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ResubmitOf = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CommentCipher = table.Column<string>(type: "TEXT", nullable: true),
                    EditedDraftCipher = table.Column<string>(type: "TEXT", nullable: true),
                    ChannelMessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReviewConversationId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    PurgedAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequests_AuthorId",
                table: "ReviewRequests",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequests_DecidedAtMs",
                table: "ReviewRequests",
                column: "DecidedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRequests_Scope_Status",
                table: "ReviewRequests",
                columns: new[] { "Scope", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "ReviewChannels");

            migrationBuilder.DropTable(
                name: "ReviewRequests");
        }
    }
}
