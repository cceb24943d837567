using DoiThoai.Domain;
using DoiThoai.Web.Live;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Tests.Preparation;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// A phone's request is declared to only add rows, so its writer compares only the meeting. The tests' app checks every
/// such batch against full change detection: a command that changed another row under that declaration is refused and
/// nothing is stored — so a future change to Submit that touches other rows fails here instead of losing an update.
/// </summary>
public sealed class ChangeDetectionTests
{
    [Fact]
    public async Task Requests_declared_to_only_add_rows_are_stored_with_the_meetings_own_values()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => app.Commands.RunAsync(demo.Id, null, null,
            (m, now) => m.Submit(new SpeakRequestDraft($"Người dân {i}", "Xóm 2", OpinionField.Economy, "Đề nghị làm đường.",
                SpeakMode.Speak, OpinionSource.Phone, IdempotencyKey: $"k{i}"), now), onlyAdds: true)));

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        var stored = await app.LoadAsync(demo.Id);
        Assert.Equal(demo.LastRequestNumber + 30, stored.LastRequestNumber);
        Assert.Equal(demo.Requests.Count + 30, stored.Requests.Count);
        Assert.Equal(demo.Opinions.Count + 30, stored.Opinions.Count);
        Assert.Equal(results.Max(r => r.Sequence), stored.LastSequence);
    }

    [Fact]
    public async Task A_command_that_changes_another_row_under_that_declaration_is_refused_and_stores_nothing()
    {
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var waiting = demo.Requests.First(r => r.Status == SpeakRequestStatus.Submitted);

        var wrong = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => { m.Approve(waiting.Id, now); return true; }, onlyAdds: true);

        Assert.False(wrong.Ok);
        Assert.Equal(MeetingCommands.SaveFailed, wrong.Error);
        var stored = await app.LoadAsync(demo.Id);
        Assert.Equal(SpeakRequestStatus.Submitted, stored.Requests.Single(r => r.Id == waiting.Id).Status);
        Assert.Equal(demo.LastSequence, stored.LastSequence);
        // The writer threw its copy away: the next command sees the stored meeting, not the half-applied one.
        var right = await app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(waiting.Id, now));
        Assert.Equal(demo.LastSequence + 1, right.Sequence);
    }

    [Fact]
    public async Task A_step_added_and_removed_again_in_one_batch_stores_neither_and_the_check_agrees()
    {
        // The tests' check runs full detection before each staff command, so the step the first command added is tracked
        // when the second removes it; the lists then look as before the batch (the narrow path): neither may be stored.
        await using var app = new TestApp();
        var demo = await app.DemoMeetingAsync();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = app.Commands.RunAsync(demo.Id, null, null, async _ => { entered.TrySetResult(); await release.Task; return true; });
        await entered.Task.WaitAsync(HubChanges.Patience);
        var add = app.Commands.RunAsync(demo.Id, null, null, (m, _) => m.AddStep("Giải lao", 10).Number);
        var remove = app.Commands.RunAsync(demo.Id, null, null, (m, _) => { m.RemoveStep(m.Agenda.Count); return true; });
        for (var i = 0; i < 300 && app.Commands.Waiting(demo.Id) < 2; i++) await Task.Delay(50);
        Assert.Equal(2, app.Commands.Waiting(demo.Id));
        release.TrySetResult();
        await held;

        var results = (await add, await remove);
        Assert.True(results.Item1.Ok, results.Item1.Error);
        Assert.True(results.Item2.Ok, results.Item2.Error);
        var stored = await app.LoadAsync(demo.Id);
        Assert.Equal(demo.Agenda.Select(s => s.Title), stored.Agenda.Select(s => s.Title));
        Assert.Equal(demo.LastSequence + 2, stored.LastSequence);
    }

    [Fact]
    public async Task A_phones_rows_are_changed_and_stored_by_later_staff_commands_without_comparing_every_row()
    {
        // Production's setting: no full detection of the rows at all; what a staff command changes is stored only
        // because the rows said so (values and an opinion's departments and notes alike).
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:CheckChangeDetection"] = "false" });
        var demo = await app.DemoMeetingAsync();
        var submitted = new List<SpeakRequest>();
        for (var i = 1; i <= 4; i++)
            submitted.Add((await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(new SpeakRequestDraft($"Người dân {i}",
                "Xóm 2", OpinionField.Economy, "Đề nghị làm đường.", SpeakMode.Speak, OpinionSource.Phone, IdempotencyKey: $"k{i}"), now),
                onlyAdds: true)).Value!);

        await app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(submitted[1].Id, now));
        var late = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(new SpeakRequestDraft("Người dân 5", "Xóm 3",
            OpinionField.Economy, "Đề nghị sửa cống.", SpeakMode.Speak, OpinionSource.Phone, IdempotencyKey: "k5"), now), onlyAdds: true);
        // The same form sent again: no event, nothing to store.
        var again = await app.Commands.RunAsync(demo.Id, null, null, (m, now) => m.Submit(new SpeakRequestDraft("Người dân 4", "Xóm 2",
            OpinionField.Economy, "Đề nghị làm đường.", SpeakMode.Speak, OpinionSource.Phone, IdempotencyKey: "k4"), now), onlyAdds: true);
        Assert.Equal(submitted[3].Id, again.Value!.Id);
        await app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Reject(submitted[2].Id, "Đơn thư khiếu nại, chuyển bộ phận tiếp dân.", now));
        await app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Approve(late.Value!.Id, now));
        var roads = new DepartmentRef(Guid.NewGuid(), "Phòng Kinh tế");
        var police = new DepartmentRef(Guid.NewGuid(), "Công an xã");
        await app.MustAsync(demo.Id, Hall.Secretary, StaffRoles.AnswerStaff, (m, now) =>
            m.AssignDepartments(submitted[0].OpinionId!.Value, [roads, police], police.Id, now));
        var last = await app.MustAsync(demo.Id, Hall.Secretary, StaffRoles.AnswerStaff, (m, now) =>
            m.AddStaffNote(submitted[0].OpinionId!.Value, "Thư ký", "Đã có hồ sơ đất.", now));

        var stored = await app.LoadAsync(demo.Id);
        Assert.Equal(demo.Requests.Count + 5, stored.Requests.Count);
        Assert.Equal(demo.Opinions.Count + 5, stored.Opinions.Count);
        Assert.Equal(SpeakRequestStatus.Approved, stored.Requests.Single(r => r.Id == submitted[1].Id).Status);
        Assert.Equal(SpeakRequestStatus.Approved, stored.Requests.Single(r => r.Id == late.Value!.Id).Status);
        Assert.Equal(SpeakRequestStatus.Submitted, stored.Requests.Single(r => r.Id == submitted[3].Id).Status);
        // A phone's opinion closed by the rejection of its request.
        Assert.Equal(SpeakRequestStatus.Rejected, stored.Requests.Single(r => r.Id == submitted[2].Id).Status);
        Assert.True(stored.Opinions.Single(o => o.Id == submitted[2].OpinionId).IsClosed);
        Assert.False(stored.Opinions.Single(o => o.Id == submitted[3].OpinionId).IsClosed);
        var assigned = stored.Opinions.Single(o => o.Id == submitted[0].OpinionId);
        Assert.Equal(["Công an xã", "Phòng Kinh tế"], assigned.Assignments.Select(a => a.DepartmentName).Order());
        Assert.Equal(police.Id, assigned.LeadAssignment!.DepartmentId);
        Assert.Equal("Đã có hồ sơ đất.", Assert.Single(assigned.Notes).Text);
        Assert.Equal(last.Sequence, stored.LastSequence);
        Assert.DoesNotContain(app.Log.Since(0), line => line.Contains(" Error ") || line.Contains(" Critical "));
    }

    [Fact]
    public async Task Departments_taken_off_an_opinion_are_deleted_and_the_one_kept_leads_without_comparing_every_row()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["DoiThoai:CheckChangeDetection"] = "false" });
        var id = await CollectedApp.PreparingMeetingAsync(app);
        var departments = await CollectedApp.DepartmentsAsync(app);
        var economy = departments.Single(d => d.Name == "Phòng Kinh tế").ToRef();
        var office = departments.Single(d => d.Name == "Văn phòng HĐND-UBND").ToRef();
        var meetingDay = DateOnly.FromDateTime(Clock.ToHallTime((await app.LoadAsync(id)).ScheduledStart).DateTime);
        var road = (await app.MustAsync(id, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) => m.CollectOpinion(
            new CollectedOpinionDraft("Hoàng Văn Nam", "Xóm 3", OpinionField.Economy, "Đường trục xóm 3 xuống cấp.", CollectedChannel.Email, null), now))).Value!;
        await app.MustAsync(id, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) =>
            m.AssignCollectedOpinion(road.Id, [economy, office], economy.Id, meetingDay, now));

        await app.MustAsync(id, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) =>
            m.AssignCollectedOpinion(road.Id, [office], office.Id, meetingDay, now));

        var stored = (await app.LoadAsync(id)).Opinions.Single(o => o.Id == road.Id);
        Assert.Equal(office.Id, Assert.Single(stored.Assignments).DepartmentId);
        Assert.True(stored.Assignments[0].IsLead);
        Assert.Equal(meetingDay, stored.PrepareDue);
    }
}
