using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// The chair's and the co-chair's tablets choose for the same opinion at the same moment, through the server's own
/// command service: one choice is recorded, the other is refused in Vietnamese naming it — never silently replaced.
/// </summary>
public sealed class OutcomeRaceTests
{
    private const int Rounds = 40;
    private static readonly System.Security.Claims.ClaimsPrincipal CoChair = TestApp.Staff(StaffRoles.Chair, "phochutri");

    [Fact]
    public async Task Two_seats_racing_different_outcomes_record_exactly_one_and_refuse_the_other_by_name()
    {
        await using var app = new TestApp();
        var id = (await app.DemoMeetingAsync()).Id;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));

        var winners = new Dictionary<Guid, (OpinionOutcome Outcome, string By)>();
        for (var round = 0; round < Rounds; round++)
        {
            var (opinionId, number) = await NewOpinionAsync(app, id, round);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var seats = new[] { (Hall.Chair, "chutri", OpinionOutcome.AnsweredAtMeeting), (CoChair, "phochutri", OpinionOutcome.AnswerInWriting) };
            var taps = seats.Select(seat => Task.Run(async () =>
            {
                await start.Task;
                // Both screens showed the opinion without an outcome.
                var result = await app.Commands.RunAsync(id, seat.Item1, StaffRoles.ChairSeat,
                    (m, now) => m.SetOutcome(opinionId, seat.Item3, now, expected: OpinionOutcome.None, by: seat.Item2));
                return (Seat: seat, Result: result);
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(taps);

            var won = Assert.Single(results, r => r.Result.Ok);
            var lost = Assert.Single(results, r => !r.Result.Ok);
            Assert.StartsWith($"Ý kiến số {number} vừa được ghi kết quả “{won.Seat.Item3.ToVietnamese()}” lúc ", lost.Result.Error);
            Assert.EndsWith($" bởi {won.Seat.Item2}. Hãy xem lại rồi chọn lại nếu cần đổi.", lost.Result.Error);
            winners[opinionId] = (won.Seat.Item3, won.Seat.Item2);
        }

        await using var db = await app.OpenDbAsync();
        var stored = await db.Opinions.AsNoTracking().Where(o => winners.Keys.Contains(o.Id)).ToListAsync();
        Assert.Equal(Rounds, stored.Count);
        Assert.All(stored, o => Assert.Equal(winners[o.Id], (o.Outcome, o.OutcomeBy!)));
        var outcomeEvents = await db.Journal.AsNoTracking()
            .Where(e => e.MeetingId == id && e.Kind == EventKinds.OutcomeSet).Select(e => new { e.SubjectId, e.Actor }).ToListAsync();
        // One event per opinion, journalled under the seat that won.
        Assert.Equal(Rounds, outcomeEvents.Count);
        Assert.All(outcomeEvents, e => Assert.Equal(winners[e.SubjectId!.Value].By, e.Actor));
    }

    [Fact]
    public async Task Two_seats_racing_the_same_outcome_both_succeed_and_journal_it_once()
    {
        await using var app = new TestApp();
        var id = (await app.DemoMeetingAsync()).Id;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var (opinionId, _) = await NewOpinionAsync(app, id, 0);

        var taps = new[] { (Hall.Chair, "chutri"), (CoChair, "phochutri") }.Select(seat => Task.Run(() =>
            app.Commands.RunAsync(id, seat.Item1, StaffRoles.ChairSeat,
                (m, now) => m.SetOutcome(opinionId, OpinionOutcome.AnswerInWriting, now, expected: OpinionOutcome.None, by: seat.Item2))));
        var results = await Task.WhenAll(taps);

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        await using var db = await app.OpenDbAsync();
        Assert.Equal(1, await db.Journal.CountAsync(e => e.MeetingId == id && e.Kind == EventKinds.OutcomeSet && e.SubjectId == opinionId));
        Assert.Equal(OpinionOutcome.AnswerInWriting, (await db.Opinions.AsNoTracking().SingleAsync(o => o.Id == opinionId)).Outcome);
    }

    [Fact]
    public async Task Two_seats_racing_different_lead_departments_assign_exactly_one_lead()
    {
        await using var app = new TestApp();
        var id = (await app.DemoMeetingAsync()).Id;
        await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var (opinionId, number) = await NewOpinionAsync(app, id, 0);
        List<Department> departments;
        await using (var db = await app.OpenDbAsync())
            departments = await db.Departments.AsNoTracking().Where(d => d.UnitId == DemoUnits.GiaoMinhId).OrderBy(d => d.SortOrder).Take(2).ToListAsync();

        var taps = new[] { (Hall.Chair, departments[0]), (CoChair, departments[1]) }.Select(seat => Task.Run(() =>
            app.Commands.RunAsync(id, seat.Item1, StaffRoles.ChairSeat,
                (m, now) => m.AssignDepartments(opinionId, [seat.Item2.ToRef()], seat.Item2.Id, now, new SeenLead(null)))));
        var results = await Task.WhenAll(taps);

        var won = Assert.Single(results, r => r.Ok);
        var lead = Assert.Single(won.Value!);
        Assert.StartsWith($"Ý kiến số {number} vừa được giao {lead.DepartmentName} chủ trì trả lời", Assert.Single(results, r => !r.Ok).Error);
        var stored = (await app.LoadAsync(id)).FindOpinion(opinionId);
        Assert.Equal(lead.DepartmentId, Assert.Single(stored.Assignments).DepartmentId);
    }

    /// <summary>Reception enters a paper slip for written answer: an opinion without an outcome, off the floor.</summary>
    private static async Task<(Guid OpinionId, int Number)> NewOpinionAsync(TestApp app, Guid meetingId, int round)
    {
        var request = await app.MustAsync(meetingId, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
            new SpeakRequestDraft($"Người dân {round + 1}", $"Xóm {round % 16 + 1}", OpinionField.Economy,
                $"Đề nghị xã sửa đoạn đường số {round + 1} bị xuống cấp.", SpeakMode.WrittenOnly, OpinionSource.Paper), now));
        var opinion = (await app.LoadAsync(meetingId)).FindOpinion(request.Value!.OpinionId!.Value);
        return (opinion.Id, opinion.Number);
    }
}
