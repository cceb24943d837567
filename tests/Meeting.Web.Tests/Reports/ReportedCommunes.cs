using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Documents;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Reports;

/// <summary>
/// Two communes that have held their dialogues: Giao Minh's demo meeting played to its end (one opinion answered at the
/// meeting, one sent for a written answer whose deadline has passed), and a thematic dialogue in Giao Hòa with its own
/// chair and two opinions (one answered at the meeting, one noted for a written answer).
/// </summary>
public sealed record ReportedCommunes(PlayedMeeting GiaoMinh, Meeting GiaoHoa, FollowUpItem Overdue, ReportPeriod Period)
{
    public const string GiaoHoaTitle = "Hội nghị đối thoại chuyên đề về đất đai xã Giao Hòa";
    public const string GiaoHoaChair = "Ngô Văn Bình";
    public const string GiaoMinhChair = "Trần Văn Hùng";

    public static readonly ClaimsPrincipal GiaoHoaChairStaff = TestApp.Staff(StaffRoles.Chair, "chutri-giaohoa", DemoUnits.GiaoHoaId);

    /// <summary>What Giao Minh's meeting counts: its opinions not merged, closed or petitions.</summary>
    public int GiaoMinhOpinions => GiaoMinh.Meeting.Opinions.Count(o => o.MergedIntoId is null && !o.IsClosed && !o.IsPetition);

    public string Query => $"ky={Period.Code}&nam={Period.Year}";

    public static async Task<ReportedCommunes> PlayAsync(TestApp app)
    {
        var played = await PlayedMeeting.PlayAsync(app, (await app.DemoMeetingAsync()).Id);

        var plan = new MeetingPlan(GiaoHoaTitle, MeetingKind.Thematic, [new ChairPerson(GiaoHoaChair, "Bí thư Đảng ủy xã Giao Hòa")],
            "Hội trường UBND xã Giao Hòa", app.Commands.Now, 80, "Số 12-KH/ĐU", "Văn phòng Đảng ủy xã Giao Hòa", "Cán bộ và Nhân dân xã Giao Hòa",
            Content: "Công tác quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất", UnitId: DemoUnits.GiaoHoaId);
        var giaoHoa = Meeting.Create(plan);
        giaoHoa.Announce();
        var land = giaoHoa.Submit(new SpeakRequestDraft("Lý Văn Tám", "Thôn Hòa Bình", OpinionField.LandEnvironment,
            "Đề nghị xã sớm cấp giấy chứng nhận quyền sử dụng đất cho khu dân cư mới.", SpeakMode.Speak, OpinionSource.Phone), app.Commands.Now);
        var culture = giaoHoa.Submit(new SpeakRequestDraft("Mai Thị Chín", "Thôn Hòa Lạc", OpinionField.CultureSociety,
            "Đề nghị sửa nhà văn hóa thôn Hòa Lạc.", SpeakMode.Speak, OpinionSource.Paper), app.Commands.Now);
        await app.Commands.AddMeetingAsync(giaoHoa, "Kiểm thử");
        await app.MustAsync(giaoHoa.Id, GiaoHoaChairStaff, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(giaoHoa.Id, GiaoHoaChairStaff, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(land.OpinionId!.Value, OpinionOutcome.AnsweredAtMeeting, now));
        await app.MustAsync(giaoHoa.Id, GiaoHoaChairStaff, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(culture.OpinionId!.Value, OpinionOutcome.AnswerInWriting, now));
        await app.MustAsync(giaoHoa.Id, GiaoHoaChairStaff, StaffRoles.ChairSeat, (m, now) => m.End(now));

        // Giao Minh's written answer, tracked with a notice dated back so that its deadline is already past.
        var meeting = played.Meeting;
        var held = DateOnly.FromDateTime(Clock.ToHallTime(meeting.StartedAt!.Value).DateTime);
        var lead = played.InWriting.LeadAssignment!;
        var overdue = new FollowUpItem(meeting.UnitId, meeting.Id, meeting.Title, played.InWriting, lead.DepartmentId, lead.DepartmentName,
            held.AddDays(-40), held.AddDays(-20), null);
        await using (var db = await app.OpenDbAsync())
        {
            db.Add(overdue);
            await db.SaveChangesAsync();
        }
        return new(played, await app.LoadAsync(giaoHoa.Id), overdue, ReportPeriod.QuarterOf(held));
    }
}
