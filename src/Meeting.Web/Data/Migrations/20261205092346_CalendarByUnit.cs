using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DoiThoai.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarByUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_CalendarOverrides",
                table: "CalendarOverrides");

            migrationBuilder.AddColumn<Guid>(
                name: "UnitId",
                table: "CalendarOverrides",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "PK_CalendarOverrides",
                table: "CalendarOverrides",
                columns: new[] { "UnitId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_CalendarOverrides",
                table: "CalendarOverrides");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "CalendarOverrides");

            migrationBuilder.AddPrimaryKey(
                name: "PK_CalendarOverrides",
                table: "CalendarOverrides",
                column: "Date");
        }
    }
}
