using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Tests.FollowUp;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>The hồ sơ of a played meeting whose notice is issued, downloaded by the secretary as one .zip over HTTP.</summary>
public sealed class RecordArchiveTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_archive_holds_every_document_of_the_meeting_and_the_notice_as_issued()
    {
        var meeting = await FollowedMeeting.PlayAsync(_app);
        var item = await meeting.IssueAsync(_app);
        using var secretary = await _app.SignedInClientAsync("thuky");
        var played = await _app.LoadAsync(meeting.Id);

        var response = await secretary.GetAsync(RecordArchive.Path(meeting.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecordArchive.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(
            ["01-ke-hoach.docx", "02-chuong-trinh-hoi-nghi.docx", "03-Mau-7-thong-bao-to-chuc.docx", "04-Mau-5-bao-cao-phan-loai-y-kien.docx",
             "05-Mau-6-bao-cao-tra-loi-y-kien.docx", "06-danh-sach-y-kien-thu-thap.xlsx", "07-giay-moi.docx", "08-danh-sach-dai-bieu-diem-danh.xlsx",
             "09-Mau-8-bien-ban.docx", "10-Mau-9-thong-bao-ket-luan.docx", "11-bao-cao-ket-qua-hoi-nghi.docx", "12-theo-doi-tra-loi.xlsx"],
            zip.Entries.Select(e => e.FullName));

        // Each Word file opens; the notice inside is the issued one, with its items under their own numbers.
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".docx", StringComparison.Ordinal)))
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(copy);
            using var doc = WordprocessingDocument.Open(new MemoryStream(copy.ToArray()), false);
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.False(string.IsNullOrWhiteSpace(text), entry.Name);
            if (entry.Name.StartsWith("02-", StringComparison.Ordinal))
            {
                // The programme: the meeting's own steps in order, each from the time the one before it ends.
                var start = DoiThoai.Domain.Clock.ToHallTime(played.ScheduledStart);
                var at = start;
                var lastIndex = -1;
                foreach (var step in played.Agenda.OrderBy(s => s.Number))
                {
                    var line = $"{at:HH\\hmm} – {at.AddMinutes(step.PlannedMinutes):HH\\hmm}: {step.Number}. {step.Title.TrimEnd('.')}.";
                    var index = text.IndexOf(line, StringComparison.Ordinal);
                    Assert.True(index > lastIndex, $"Chương trình thiếu hoặc sai thứ tự: {line}");
                    (lastIndex, at) = (index, at.AddMinutes(step.PlannedMinutes));
                }
            }
            if (entry.Name.StartsWith("07-", StringComparison.Ordinal))
            {
                // The official letters, one per invited delegate, not the cards alone.
                var invited = played.Delegates.Where(d => !d.IsWalkIn).ToList();
                Assert.Equal(invited.Count, System.Text.RegularExpressions.Regex.Count(text, "Kính gửi: Ông/Bà"));
                Assert.Contains($"Kính gửi: Ông/Bà {invited[0].Name}", text);
            }
            if (entry.Name.StartsWith("11-", StringComparison.Ordinal))
            {
                // The report on the meeting names the issued notice and the department that answers this opinion.
                Assert.Contains($"Đã ban hành Thông báo kết luận số {FollowedMeeting.NoticeNumber}", text);
                Assert.Contains($"(số {item.OpinionNumber})", text);
            }
            if (entry.Name.StartsWith("01-", StringComparison.Ordinal) || entry.Name.StartsWith("07-", StringComparison.Ordinal))
            {
                // Made after the meeting, the plan and the letters are not dated that day: the date is left to write by hand.
                var header = doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First().InnerText;
                Assert.Contains("Giao Minh, ngày ………… tháng ………… năm …………", header);
            }
            if (!entry.Name.StartsWith("10-", StringComparison.Ordinal)) continue;
            Assert.Contains($"Ý kiến số {item.OpinionNumber} của ông (bà)", text);
            // The header carries the number it was issued under, not a blank to fill in.
            Assert.Contains($"Số {FollowedMeeting.NoticeNumber}", doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First().InnerText);
        }

        // The delegate list with attendance: everyone, walk-ins marked, the absent said so.
        await using (var list = zip.GetEntry("08-danh-sach-dai-bieu-diem-danh.xlsx")!.Open())
        {
            using var copy = new MemoryStream();
            await list.CopyToAsync(copy);
            copy.Position = 0;
            var rows = MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(played.Delegates.Count, rows.Count);
            Assert.Equal(played.Delegates.Count(d => d.CheckedInAt is null), rows.Count(r => (string)r["Điểm danh"] == "Vắng"));
            Assert.Equal(played.Delegates.Count(d => d.IsWalkIn), rows.Count(r => (string)r["Giấy mời"] == "Đến không có giấy mời"));
            Assert.DoesNotContain("Điện thoại", rows[0].Keys);
        }

        // Not for the Front's account.
        using var mttq = await _app.SignedInClientAsync("mttq");
        Assert.NotEqual(HttpStatusCode.OK, (await mttq.GetAsync(RecordArchive.Path(meeting.Id))).StatusCode);
    }

    /// <summary>Every Word file of the hồ sơ opens in LibreOffice, as the office opens them to print and sign.</summary>
    [SkippableFact]
    public async Task Every_document_of_the_archive_converts_to_pdf_with_LibreOffice()
    {
        LibreOffice.SkipIfMissing();
        var meeting = await FollowedMeeting.PlayAsync(_app);
        await meeting.IssueAsync(_app);
        using var secretary = await _app.SignedInClientAsync("thuky");
        using var zip = new ZipArchive(new MemoryStream(await secretary.GetByteArrayAsync(RecordArchive.Path(meeting.Id))));
        var folder = Path.Combine(_app.DataDirectory, "pdf");
        var converted = 0;
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".docx", StringComparison.Ordinal)))
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(copy);
            var pdf = await LibreOffice.ToPdfAsync(copy.ToArray(), entry.Name, folder);
            Assert.True(pdf.Length > 1000, entry.Name);
            converted++;
        }
        Assert.Equal(9, converted); // plan, programme, Mẫu 7, 5, 6, the letters, minutes, notice, report
    }
}
