using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DoiThoai.Web.Features.Minutes.Documents;
using DoiThoai.Web.Tests.FollowUp;
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

        var response = await secretary.GetAsync(RecordArchive.Path(meeting.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RecordArchive.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(
            ["01-Mau-7-thong-bao-to-chuc.docx", "02-Mau-5-bao-cao-phan-loai-y-kien.docx", "03-Mau-6-bao-cao-tra-loi-y-kien.docx",
             "04-danh-sach-y-kien-thu-thap.xlsx", "05-giay-moi.docx", "06-Mau-8-bien-ban.docx", "07-Mau-9-thong-bao-ket-luan.docx", "08-theo-doi-tra-loi.xlsx"],
            zip.Entries.Select(e => e.FullName));

        // Each Word file opens; the notice inside is the issued one, with its items under their own numbers.
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".docx", StringComparison.Ordinal)))
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(copy);
            using var doc = WordprocessingDocument.Open(new MemoryStream(copy.ToArray()), false);
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.False(string.IsNullOrWhiteSpace(text), entry.Name);
            if (!entry.Name.StartsWith("07-", StringComparison.Ordinal)) continue;
            Assert.Contains($"Ý kiến số {item.OpinionNumber} của ông (bà)", text);
            // The header carries the number it was issued under, not a blank to fill in.
            Assert.Contains($"Số {FollowedMeeting.NoticeNumber}", doc.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Table>().First().InnerText);
        }

        // Not for the Front's account.
        using var mttq = await _app.SignedInClientAsync("mttq");
        Assert.NotEqual(HttpStatusCode.OK, (await mttq.GetAsync(RecordArchive.Path(meeting.Id))).StatusCode);
    }
}
