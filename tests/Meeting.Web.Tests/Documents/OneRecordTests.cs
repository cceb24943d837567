using System.Security.Claims;
using System.Text.RegularExpressions;
using Bunit;
using DocumentFormat.OpenXml.Packaging;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>
/// One meeting with every path an opinion can take — collected and answered at step 4, collected for the level above,
/// a collected petition and a collected duplicate; in the hall answered live, in writing, forwarded, out of topic,
/// rejected, merged, withdrawn and never reached; a walk-in at the door — played through the real commands, closed,
/// and its notice issued. Then every record is read the way its reader gets it (the .docx files over HTTP, the
/// secretary's panel rendered, the follow-up rows in the database, reception's counters) and they must agree, number
/// by number: each opinion keeps one "ý kiến số" everywhere, and every count is the same count.
/// </summary>
public sealed partial class OneRecordTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private readonly BunitContext _bunit;

    public OneRecordTests() => _bunit = StaffBunit.For(_app, "thuky", StaffRoles.Secretary, DoiThoai.Web.Tests.FollowUp.NoticeWithoutLeadTests.PanelServices);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    private sealed record Paths(
        Opinion PreparedAnswer, Opinion ToLevelAbove, Opinion Petition, Opinion CollectedDuplicate,
        Opinion AnsweredLive, Opinion InWriting, Opinion Forwarded, Opinion OutOfTopic,
        Opinion Rejected, Opinion Merged, Opinion Withdrawn, Opinion Unreached);

    [Fact]
    public async Task Every_document_page_and_report_gives_each_opinion_one_number_and_the_same_figures()
    {
        var id = (await _app.DemoMeetingAsync()).Id;
        var (economy, culture) = await DepartmentsAsync();
        var paths = await PlayAsync(id, economy, culture);
        var ended = await _app.LoadAsync(id);

        // The secretary's panel before the notice: the opinions it lists are the ones the notice will hand out.
        var panelNumbers = PanelNumbers(ended, out var panelSummary);
        var followUps = FollowUpService();
        var issued = await followUps.IssueNoticeAsync(id, Hall.Secretary, "35-TB/ĐU", followUps.Today, complex: false);
        Assert.True(issued.Ok, issued.Error);

        using var admin = await _app.SignedInClientAsync("admin");
        var minutes = await DocxTextAsync(admin, $"/minutes/{id}/bien-ban.docx");
        var notice = await DocxTextAsync(admin, $"/minutes/{id}/thong-bao-ket-luan.docx");
        var form5 = await DocxTextAsync(admin, $"/preparation/{id}/opinions/bao-cao-phan-loai.docx");
        var form6 = await DocxTextAsync(admin, $"/preparation/{id}/opinions/bao-cao-tra-loi.docx");
        var period = ReportPeriod.QuarterOf(followUps.Today);
        var report = $"ky={period.Code}&nam={period.Year}&donvi={DemoUnits.GiaoMinhId}";
        var form1 = await Form1CountsAsync(admin, $"/bao-cao/mau-1.docx?{report}");
        var form2 = await DocxTextAsync(admin, $"/bao-cao/mau-2.docx?{report}");
        List<FollowUpItem> items;
        await using (var db = await _app.OpenDbAsync())
            items = await db.Set<FollowUpItem>().AsNoTracking().Where(i => i.MeetingId == id).ToListAsync();

        // One number: what the notice hands out is what the panel listed and what the follow-up tracks.
        var inNotice = Numbers(NoticeItem(), notice);
        Assert.Equal(inNotice, panelNumbers);
        Assert.Equal(inNotice, items.Select(i => i.OpinionNumber).Order().ToList());
        Assert.All(items, i => Assert.Equal(ended.Opinions.Single(o => o.Id == i.OpinionId).Number, i.OpinionNumber));
        Assert.Equal(inNotice.Count, issued.Items);

        var written = new[] { paths.InWriting, paths.Forwarded, paths.OutOfTopic, paths.Unreached, paths.ToLevelAbove };
        Assert.All(written, o => Assert.Contains(o.Number, inNotice));
        var notInNotice = new[] { paths.PreparedAnswer, paths.AnsweredLive, paths.Petition, paths.CollectedDuplicate, paths.Rejected, paths.Merged, paths.Withdrawn };
        Assert.All(notInNotice, o => Assert.DoesNotContain(o.Number, inNotice));

        // The minutes discuss the hall's opinions under the same numbers; what never reached the floor is not discussed.
        var discussed = Numbers(MinutesOpinion(), minutes);
        Assert.All(new[] { paths.AnsweredLive, paths.InWriting, paths.Forwarded, paths.OutOfTopic }, o => Assert.Contains(o.Number, discussed));
        Assert.All(new[] { paths.Rejected, paths.Merged, paths.Withdrawn, paths.Petition, paths.CollectedDuplicate }, o => Assert.DoesNotContain(o.Number, discussed));
        Assert.Equal(MinutesDraft.Discussed(ended).Select(o => o.Number).Order().ToList(), discussed);
        // Proposals upwards are worded as such, whether forwarded in the hall or classified so before it.
        foreach (var upwards in new[] { paths.Forwarded, paths.ToLevelAbove })
            Assert.Matches($@"Ý kiến số {upwards.Number} của[^\n]*tham mưu văn bản đề nghị cấp có thẩm quyền", notice);
        Assert.Matches($@"Ý kiến số {paths.InWriting.Number} của[^\n]*chủ trì trả lời", notice);

        // Mẫu 5 lists the collected opinions by their numbers (the duplicate under the one it repeats); Mẫu 6 answers
        // the one prepared for step 4 under the same number.
        var listed = Numbers(CollectedListed(), form5);
        Assert.Contains(paths.PreparedAnswer.Number, listed);
        Assert.Contains(paths.ToLevelAbove.Number, listed);
        Assert.DoesNotContain(paths.CollectedDuplicate.Number, listed);
        Assert.Contains($"Ý kiến số {paths.PreparedAnswer.Number} (", form6);
        Assert.Contains("Ngoài ra: 1 đơn thư khiếu nại, tố cáo", form5);
        var collected = ended.CollectedOpinions().Where(o => o.MergedIntoId is null).ToList();
        Assert.Contains($"Tổng số ý kiến, kiến nghị: {collected.Count(o => !o.IsPetition)} ý kiến; thuộc thẩm quyền: "
            + $"{collected.Count(o => !o.IsPetition && o.Authority == Authority.Within)} ý kiến", form5);

        // One set of figures: the notice's resolved/unresolved, the minutes' conclusion, Mẫu 1 and Mẫu 2.
        var counts = Regex.Match(notice, @"Tại hội nghị đã có (\d+) ý kiến được giải quyết; (\d+) ý kiến chưa giải quyết");
        Assert.True(counts.Success, notice);
        var (resolved, unresolved) = (int.Parse(counts.Groups[1].Value), int.Parse(counts.Groups[2].Value));
        Assert.Equal(inNotice.Count, unresolved);
        Assert.Contains($"Tại hội nghị đã có {resolved} ý kiến được giải quyết; {unresolved} ý kiến chưa giải quyết", minutes);
        // Mẫu 1: Tổng số, trả lời tại hội nghị, đã trả lời bằng văn bản, đang giải quyết, chuyển cấp trên — the two
        // proposals upwards (forwarded in the hall, classified so before it) stay "chuyển cấp trên" after the notice too.
        Assert.Equal([resolved + unresolved, resolved, 0, unresolved - 2, 2], form1);
        Assert.Contains($"trả lời, giải quyết ngay tại hội nghị {resolved} ý kiến", form2);
        Assert.Contains($"giao trả lời bằng văn bản {unresolved - 2} ý kiến", form2);
        Assert.Contains("chuyển cấp trên 2 ý kiến", form2);
        Assert.Contains($"{unresolved} ý kiến chưa giải quyết tại hội nghị", panelSummary);

        // Reception's counters read the same requests: each in exactly one state, the walk-in among those present.
        var counters = ended.Counters();
        Assert.Equal(counters.Received, counters.ToScreen + counters.Waiting + counters.OnFloor + counters.Spoken + counters.WrittenOnly + counters.Closed);
        Assert.Equal(0, counters.ToScreen + counters.Waiting);
        Assert.True(counters.Closed >= 3, "rejected, merged and withdrawn are closed");
        var attendance = ended.AttendanceByGroup();
        Assert.Equal(1, attendance.Sum(g => g.WalkIns));
        var present = attendance.Sum(g => g.Present + g.WalkIns);
        Assert.Contains($"dự hội nghị: {present} người", minutes);
    }

    private async Task<Paths> PlayAsync(Guid id, Department economy, Department culture)
    {
        // The hall's day (UTC+7), not the machine's: from 17:00 UTC they differ.
        var today = DateOnly.FromDateTime(Clock.ToHallTime(DateTimeOffset.UtcNow).DateTime);
        async Task<Opinion> CollectAsync(string name, string content) =>
            (await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) =>
                m.CollectOpinion(new CollectedOpinionDraft(name, "Xóm 5", OpinionField.Economy, content, CollectedChannel.Front, null), now))).Value!;
        var prepared = await CollectAsync("Đinh Văn Tài", "Đề nghị nạo vét kênh tưới tiêu xóm 5.");
        var upwards = await CollectAsync("Lương Thị Thu", "Đề nghị nâng cấp quốc lộ qua xã.");
        var petition = await CollectAsync("Tạ Văn Quý", "Đơn khiếu nại việc thu hồi đất của gia đình.");
        var duplicate = await CollectAsync("Đinh Thị Hoa", "Đề nghị nạo vét kênh tưới tiêu xóm 5 trước mùa mưa.");
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) =>
        {
            m.AssignCollectedOpinion(prepared.Id, [economy.ToRef()], economy.Id, today, now);
            m.RecordPreparedAnswer(prepared.Id, "Xã đã bố trí kinh phí nạo vét trong tháng tới.", now);
            m.ClassifyCollectedOpinion(upwards.Id, OpinionField.Economy, Authority.LevelAbove, false, false, now);
            m.AssignCollectedOpinion(upwards.Id, [economy.ToRef()], economy.Id, today, now);
            m.ClassifyCollectedOpinion(petition.Id, OpinionField.LandEnvironment, Authority.Within, false, true, now);
            m.MergeCollectedOpinion(duplicate.Id, prepared.Id, now);
        });

        // The demo's own waiting people leave; these are the hall's requests, each taking one path.
        await _app.WithdrawWaitingAsync(id);
        async Task<SpeakRequest> SubmitAsync(string name, string content) =>
            (await _app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) =>
                m.Submit(new SpeakRequestDraft(name, "Xóm 2", OpinionField.Economy, content, SpeakMode.Speak, OpinionSource.Phone, null, false, null), now))).Value!;
        var live = await SubmitAsync("Hồ Văn Lâm", "Đề nghị lắp đèn đường xóm 2.");
        var inWriting = await SubmitAsync("Kiều Thị Mến", "Đề nghị hỗ trợ giống lúa cho vụ mùa.");
        var forwarded = await SubmitAsync("Mạc Văn Nam", "Đề nghị tỉnh xây cầu qua sông.");
        var outOfTopic = await SubmitAsync("Lã Thị Oanh", "Hỏi về chế độ lương hưu của cá nhân.");
        var rejected = await SubmitAsync("Ông Văn Phúc", "Nội dung không phù hợp.");
        var merged = await SubmitAsync("Chu Thị Quế", "Đề nghị lắp đèn đường cho xóm 2.");
        var withdrawn = await SubmitAsync("Đàm Văn Sơn", "Xin rút sau.");
        var unreached = await SubmitAsync("Phí Thị Tâm", "Đề nghị sửa trạm y tế.");
        await _app.MustAsync(id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) =>
        {
            m.AddWalkIn("Nông Văn Uy", "Xóm 2", now);
            m.Reject(rejected.Id, "Nội dung không thuộc hội nghị", now);
            m.Merge(merged.Id, live.Id, now);
            m.Withdraw(withdrawn.Id, now);
        });

        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.GoToStep(StandardAgenda.SpeakingStep, now, confirmGoingBack: false));
        foreach (var (request, outcome) in new[]
                 {
                     (live, OpinionOutcome.AnsweredAtMeeting), (inWriting, OpinionOutcome.AnswerInWriting),
                     (forwarded, OpinionOutcome.ForwardedToLevelAbove), (outOfTopic, OpinionOutcome.NotedOutOfTopic),
                 })
        {
            await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) =>
            {
                m.Approve(request.Id, now);
                m.MoveToTop(request.Id, m.QueueVersion, now);
            });
            var called = (await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.CallNext(now))).Value!;
            Assert.Equal(request.Id, called.Id);
            await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) =>
            {
                m.StartTimer(now);
                m.FinishTurn(now);
                if (outcome != OpinionOutcome.AnsweredAtMeeting)
                    m.AssignDepartments(request.OpinionId!.Value, [culture.ToRef()], culture.Id, now);
                m.SetOutcome(request.OpinionId!.Value, outcome, now);
            });
        }
        // Approved but never called: Bế mạc settles it as a written answer, and the secretary gives it a department.
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Approve(unreached.Id, now));
        await _app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.End(now));
        var reassigned = await FollowUpService().AssignBeforeNoticeAsync(id, Hall.Secretary,
            new DoiThoai.Web.Features.Chair.DepartmentAssignment(unreached.OpinionId!.Value, [economy.ToRef()], economy.Id, null));
        Assert.Null(reassigned);
        // The demo's own opinions that still lack a lead department get one, so the notice can be issued.
        foreach (var opinion in ConclusionNotice.WithoutLead(await _app.LoadAsync(id)))
            await _app.MustAsync(id, Hall.Secretary, StaffRoles.AnswerStaff, (m, now) => m.AssignDepartments(opinion.Id, [economy.ToRef()], economy.Id, now));

        var m = await _app.LoadAsync(id);
        Opinion Of(SpeakRequest r) => m.FindOpinion(r.OpinionId!.Value);
        return new(m.FindOpinion(prepared.Id), m.FindOpinion(upwards.Id), m.FindOpinion(petition.Id), m.FindOpinion(duplicate.Id),
            Of(live), Of(inWriting), Of(forwarded), Of(outOfTopic), Of(rejected), Of(merged), Of(withdrawn), Of(unreached));
    }

    private async Task<(Department Economy, Department Culture)> DepartmentsAsync()
    {
        await using var db = await _app.OpenDbAsync();
        var all = await db.Departments.AsNoTracking().Where(d => d.UnitId == DemoUnits.GiaoMinhId).ToListAsync();
        return (all.Single(d => d.Name == "Phòng Kinh tế"), all.Single(d => d.Name == "Phòng Văn hóa - Xã hội"));
    }

    private FollowUpService FollowUpService() => _app.AppServices.GetRequiredService<FollowUpService>();

    private List<int> PanelNumbers(Meeting meeting, out string summary)
    {
        _bunit.Render<MudPopoverProvider>();
        var panel = _bunit.Render<IssueNoticePanel>(p => p.Add(x => x.Meeting, meeting));
        panel.WaitForElement("[data-testid=issue-notice-open]").Click();
        summary = panel.Find("[data-testid=issue-notice-summary]").TextContent;
        return panel.FindAll("[data-testid=notice-lead-item]").Select(e => int.Parse(e.GetAttribute("data-number")!)).Order().ToList();
    }

    /// <summary>Mẫu 1's first dialogue: the five counts of the kind it was held as.</summary>
    private static async Task<int[]> Form1CountsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var table = doc.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>()
            .Single(t => t.Elements<DocumentFormat.OpenXml.Wordprocessing.TableGrid>().Single().ChildElements.Count == Form1Table.ColumnCount);
        var cells = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList())
            .Skip(4) // three header rows and the numbered row
            .Single(r => r.Count == Form1Table.ColumnCount && r[0] == "1");
        var start = Enumerable.Range(0, 3).Select(Form1Table.GroupStart).Single(g => cells[g].Length > 0);
        return cells.Skip(start + 2).Take(5).Select(int.Parse).ToArray();
    }

    private static async Task<string> DocxTextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        return string.Join("\n", doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    private static List<int> Numbers(Regex pattern, string text) =>
        pattern.Matches(text).Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order().ToList();

    [GeneratedRegex(@"(?m)^Ý kiến số (\d+) của ông \(bà\)")]
    private static partial Regex NoticeItem();

    [GeneratedRegex(@"(?m)^Ý kiến số (\d+): Ông \(bà\)")]
    private static partial Regex MinutesOpinion();

    [GeneratedRegex(@"(?m)^- Ý kiến số (\d+): ")]
    private static partial Regex CollectedListed();
}
