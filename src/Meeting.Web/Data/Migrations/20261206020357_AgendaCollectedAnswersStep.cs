using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgendaCollectedAnswersStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReportsCollectedAnswers",
                table: "AgendaItem",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Meetings made before: their step 4 was always the standard "Thông qua báo cáo trả lời các ý kiến đã thu thập…".
            migrationBuilder.Sql("UPDATE AgendaItem SET ReportsCollectedAnswers = 1 WHERE Number = 4 AND Title LIKE 'Thông qua báo cáo trả lời các ý kiến%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReportsCollectedAnswers",
                table: "AgendaItem");
        }
    }
}
