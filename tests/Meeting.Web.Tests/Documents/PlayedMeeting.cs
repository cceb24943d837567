using DoiThoai.Web.Data;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>
/// A demo meeting played through the real command service: delegates checked in, two speakers, the first answered at
/// the meeting, the second sent to two departments for a written answer, the rest of the queue withdrawn, the meeting
/// ended, and the secretary's edits.
/// </summary>
public sealed record PlayedMeeting(Meeting Meeting, Opinion Answered, Opinion InWriting, string Lead, string Coordinating)
{
    public const string EditedConclusion = "Đồng chí chủ trì kết luận: giao Phòng Kinh tế khảo sát tuyến đường trục xóm 3 trong tháng này (thư ký ghi).";
    public const string GeneratedConclusionMark = "giao các cơ quan, đơn vị tiếp tục tham mưu";

    /// <summary>The secretary's own wording of the first discussed opinion; it must replace the generated one.</summary>
    public static string EditedOpinion(Opinion o) => $"Ý kiến số {o.Number}: Ông (bà) {o.SubmitterName} (thư ký tóm tắt): đề nghị làm rõ kế hoạch của xã.";

    public static async Task<PlayedMeeting> PlayAsync(TestApp app, Guid id)
    {
        var demo = await app.LoadAsync(id);
        foreach (var person in demo.Delegates.Take(3))
            await app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.CheckIn(person.Id, now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(StandardAgenda.SpeakingStep, now, confirmGoingBack: false));

        var first = await SpeakAsync(app, id);
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(first, OpinionOutcome.AnsweredAtMeeting, now));
        var second = await SpeakAsync(app, id);
        List<Department> departments;
        await using (var db = await app.OpenDbAsync())
            departments = await db.Departments.AsNoTracking().Where(d => d.UnitId == DemoUnits.GiaoMinhId).OrderBy(d => d.SortOrder).ToListAsync();
        // Two departments the opinion does not have yet, so the command adds both whatever the demo prepared.
        var taken = (await app.LoadAsync(id)).FindOpinion(second).Assignments.Select(a => a.DepartmentId).ToHashSet();
        var fresh = departments.Where(d => !taken.Contains(d.Id)).Take(2).ToList();
        var (lead, other) = (fresh[0], fresh[1]);
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(second, [lead.ToRef(), other.ToRef()], lead.Id, now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.SetOutcome(second, OpinionOutcome.AnswerInWriting, now));
        await app.WithdrawWaitingAsync(id);
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));

        var meeting = await app.LoadAsync(id);
        var store = app.AppServices.GetRequiredService<MinutesStore>();
        var snapshot = (await store.LoadAsync(id))!;
        var firstDiscussed = MinutesDraft.Discussed(meeting)[0];
        foreach (var (key, text) in new[]
        {
            (MinutesKeys.Conclusion, EditedConclusion),
            (MinutesKeys.Opinion(firstDiscussed.Number), EditedOpinion(firstDiscussed)),
        })
        {
            var generated = snapshot.Parts.Single(p => p.Section.Key == key).Section.Generated;
            Assert.IsType<MinutesSaveResult.Saved>(await store.SaveAsync(id, key, text, 0, generated, "thuky"));
        }
        return new(meeting, meeting.FindOpinion(first), meeting.FindOpinion(second), lead.Name, other.Name);
    }

    private static async Task<Guid> SpeakAsync(TestApp app, Guid id)
    {
        var called = await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.StartTimer(now));
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.FinishTurn(now));
        return called.Value!.OpinionId!.Value;
    }
}
