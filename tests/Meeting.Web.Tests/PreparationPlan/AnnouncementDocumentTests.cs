using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.PreparationPlan;

/// <summary>Mẫu 7, the notice that the dialogue will be held, drawn from the plan and downloaded by the office over HTTP.</summary>
public sealed class AnnouncementDocumentTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The office downloads the file: 200, its own file name, and a document the Open XML validator accepts.</summary>
    private async Task<byte[]> DownloadValidAsync(string path, string fileName)
    {
        using var office = await _app.SignedInClientAsync("vanphong");
        var response = await office.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc).Select(e => e.Description).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return bytes;
    }

    /// <summary>The office's seat only (the Front gets no such file); then the file opens in LibreOffice, or the test says skipped.</summary>
    private async Task RefusedToTheFrontAndConvertsAsync(string path, byte[] bytes, string fileName)
    {
        using var mttq = await _app.SignedInClientAsync("mttq");
        Assert.NotEqual(HttpStatusCode.OK, (await mttq.GetAsync(path)).StatusCode);
        LibreOffice.SkipIfMissing();
        var folder = Path.Combine(AppContext.BaseDirectory, "documents");
        Directory.CreateDirectory(folder);
        Assert.True((await LibreOffice.ToPdfAsync(bytes, fileName, folder)).Length > 1000);
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    [SkippableFact]
    public async Task Mau_7_names_the_time_place_chairs_participants_and_who_prepares_and_opens_in_LibreOffice()
    {
        var meeting = await _app.DemoMeetingAsync();
        var bytes = await DownloadValidAsync(PlanDocumentEndpoints.AnnouncementPath(meeting.Id), AnnouncementDocument.FileName(meeting));

        using (var doc = Open(bytes))
        {
            var text = string.Join("\n", doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
            Assert.Contains("THÔNG BÁO", text);
            Assert.Contains("Về tổ chức đối thoại giữa", text);
            Assert.Contains($"tổ chức hội nghị đối thoại giữa đồng chí {meeting.Chairs[0].Name}", text);
            Assert.Contains("1. Thời gian", text);
            Assert.Contains($"ngày {DoiThoai.Domain.Clock.ToHallTime(meeting.ScheduledStart):dd/MM/yyyy}", text);
            Assert.Contains(meeting.Venue, text);
            Assert.Contains("3.1. Chủ trì đối thoại", text);
            Assert.Contains("3.3. Thành phần được đối thoại", text);
            Assert.Contains("Tổ chức thực hiện", text);
            Assert.DoesNotContain("……", text.Split("Nơi nhận")[0].Replace("Số …………", "")); // nothing the plan knows is left blank
        }

        await RefusedToTheFrontAndConvertsAsync(PlanDocumentEndpoints.AnnouncementPath(meeting.Id), bytes, AnnouncementDocument.FileName(meeting));
    }

    [SkippableFact]
    public async Task Programme_lists_the_meetings_own_steps_with_their_times_from_the_start_and_opens_in_LibreOffice()
    {
        var meeting = await _app.DemoMeetingAsync();
        var bytes = await DownloadValidAsync(PlanDocumentEndpoints.ProgrammePath(meeting.Id), ProgrammeDocument.FileName(meeting));

        using (var doc = Open(bytes))
        {
            var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains("CHƯƠNG TRÌNH", paragraphs);
            var start = DoiThoai.Domain.Clock.ToHallTime(meeting.ScheduledStart);
            Assert.Contains($"- Thời gian: {start:HH} giờ {start:mm} phút, ngày {start:dd/MM/yyyy}.", paragraphs);
            var steps = paragraphs.SkipWhile(p => p != "Nội dung chương trình").Skip(1).Take(meeting.Agenda.Count).ToList();
            var expected = new List<string>();
            var at = start;
            foreach (var step in meeting.Agenda.OrderBy(s => s.Number))
            {
                expected.Add($"{at:HH}h{at:mm} – {at.AddMinutes(step.PlannedMinutes):HH}h{at.AddMinutes(step.PlannedMinutes):mm}: {step.Number}. {step.Title.TrimEnd('.')}.");
                at = at.AddMinutes(step.PlannedMinutes);
            }
            Assert.Equal(expected, steps);
        }

        await RefusedToTheFrontAndConvertsAsync(PlanDocumentEndpoints.ProgrammePath(meeting.Id), bytes, ProgrammeDocument.FileName(meeting));
    }

    [SkippableFact]
    public async Task Plan_carries_its_own_number_the_programme_and_the_deadlines_before_and_after_and_opens_in_LibreOffice()
    {
        var meeting = await _app.DemoMeetingAsync();
        var bytes = await DownloadValidAsync(PlanDocumentEndpoints.PlanPath(meeting.Id), PlanDocument.FileName(meeting));
        var calendar = await _app.AppServices.GetRequiredService<DoiThoai.Web.Features.Calendar.CalendarService>().ForMeetingAsync(meeting.Id);

        using (var doc = Open(bytes))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            Assert.Contains($"Số {DoiThoai.Web.Features.Minutes.Documents.Issuer.PlanNumber(meeting.PlanNumber)}", body.Elements<Table>().First().InnerText);
            var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains("KẾ HOẠCH", paragraphs);
            foreach (var heading in new[] { "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, HÌNH THỨC, THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", "III. CHƯƠNG TRÌNH HỘI NGHỊ", "IV. TỔ CHỨC THỰC HIỆN" })
                Assert.Contains(heading, paragraphs);
            // The programme as the programme document gives it, step for step.
            var steps = ProgrammeDocument.Steps(meeting).Select(p => p.Text).ToList();
            var at = paragraphs.IndexOf("III. CHƯƠNG TRÌNH HỘI NGHỊ") + 1;
            Assert.Equal(steps, paragraphs.Skip(at).Take(steps.Count));
            // Every preparation deadline and the notice's, on the office's own working days.
            foreach (var m in meeting.Timeline(calendar))
                Assert.Contains($"- {m.Title}: hoàn thành chậm nhất ngày {m.Due:dd/MM/yyyy} (trước hội nghị {m.WorkingDaysBefore} ngày làm việc).", paragraphs);
            var noticeDue = calendar.AddWorkingDays(meeting.MeetingDate, DoiThoai.Domain.ConclusionNotice.NoticeWorkingDays);
            Assert.Contains($"- {DoiThoai.Domain.AfterMeetingTimeline.NoticeTitle}: chậm nhất ngày {noticeDue:dd/MM/yyyy} (sau hội nghị 10 ngày làm việc).", paragraphs);
        }

        await RefusedToTheFrontAndConvertsAsync(PlanDocumentEndpoints.PlanPath(meeting.Id), bytes, PlanDocument.FileName(meeting));
    }
}
