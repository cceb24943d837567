using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Opinions_MeetingId",
                table: "Opinions");

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "Opinions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PrepareDue",
                table: "Opinions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreparedAnswer",
                table: "Opinions",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PreparedAt",
                table: "Opinions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Opinions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionKey",
                table: "Opinions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmitterPhone",
                table: "Opinions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUpItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingTitle = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OpinionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpinionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmitterName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubmitterPlace = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Field = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 1500, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NoticeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatusToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AnswerText = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    AnswerReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AnswerDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AttachmentName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IssuedNotices",
                columns: table => new
                {
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NoticeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Complex = table.Column<bool>(type: "INTEGER", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedNotices", x => x.MeetingId);
                    table.ForeignKey(
                        name: "FK_IssuedNotices_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpRemindersSent",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRemindersSent", x => new { x.ItemId, x.Kind });
                    table.ForeignKey(
                        name: "FK_FollowUpRemindersSent_FollowUpItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "FollowUpItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Opinions_MeetingId_SubmissionKey",
                table: "Opinions",
                columns: new[] { "MeetingId", "SubmissionKey" },
                filter: "SubmissionKey IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_DepartmentId",
                table: "FollowUpItems",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_MeetingId",
                table: "FollowUpItems",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_OpinionId",
                table: "FollowUpItems",
                column: "OpinionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpItems_UnitId",
                table: "FollowUpItems",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedNotices_UnitId",
                table: "IssuedNotices",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpRemindersSent");

            migrationBuilder.DropTable(
                name: "IssuedNotices");

            migrationBuilder.DropTable(
                name: "FollowUpItems");

            migrationBuilder.DropIndex(
                name: "IX_Opinions_MeetingId_SubmissionKey",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "PrepareDue",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "PreparedAnswer",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "PreparedAt",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "SubmitterPhone",
                table: "Opinions");

            migrationBuilder.CreateIndex(
                name: "IX_Opinions_MeetingId",
                table: "Opinions",
                column: "MeetingId");
        }
    }
}
