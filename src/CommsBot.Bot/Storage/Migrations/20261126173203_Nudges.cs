using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
#pragma warning disable CA1861 // generated: each array is used once, when the migration runs

namespace CommsBot.Bot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Nudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accomplishments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChannelId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ColleagueId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ColleagueName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CoAuthors = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Consent = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentAnsweredAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accomplishments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Conferences",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hashtag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Photos = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Embargo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conferences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NudgeOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ConversationKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBeforeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NudgeOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NudgeSubscriptions",
                columns: table => new
                {
                    ConversationKey = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PausedUntilMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAccomplishmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NudgeSubscriptions", x => x.ConversationKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accomplishments_Scope_Id",
                table: "Accomplishments",
                columns: new[] { "Scope", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NudgeOutbox_ConversationKey",
                table: "NudgeOutbox",
                column: "ConversationKey");

            migrationBuilder.CreateIndex(
                name: "IX_NudgeOutbox_Kind_ConversationKey_Period",
                table: "NudgeOutbox",
                columns: new[] { "Kind", "ConversationKey", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NudgeOutbox_Status_NotBeforeMs",
                table: "NudgeOutbox",
                columns: new[] { "Status", "NotBeforeMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accomplishments");

            migrationBuilder.DropTable(
                name: "Conferences");

            migrationBuilder.DropTable(
                name: "NudgeOutbox");

            migrationBuilder.DropTable(
                name: "NudgeSubscriptions");
        }
    }
}
