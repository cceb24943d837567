using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Delegates.Invitations;
using DoiThoai.Web.Tests.Support;
using Xunit.Abstractions;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace DoiThoai.Web.Tests.Invitations;

/// <summary>The official Giấy mời (NĐ 30): one letter per delegate, each followed by that delegate's QR card on its back page.</summary>
public sealed class InvitationLetterTests(InvitationApp fixture, ITestOutputHelper output) : IClassFixture<InvitationApp>
{
    private Meeting Demo => fixture.Demo;

    private async Task<(HttpResponseMessage Response, byte[] Bytes)> LettersAsync(string query = "", HttpClient? client = null)
    {
        var response = await (client ?? fixture.Office).GetAsync($"/delegates/{Demo.Id}/giay-moi-chinh-thuc.docx{query}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        output.WriteLine($"GET giay-moi-chinh-thuc.docx{query}: {(int)response.StatusCode}, {bytes.Length / 1024} KB");
        return (response, bytes);
    }

    /// <summary>The body cut at its section breaks: a letter, its back page, the next letter, …</summary>
    private static List<(List<OpenXmlElement> Content, SectionProperties Properties)> Sections(WordprocessingDocument document)
    {
        var body = document.MainDocumentPart!.Document!.Body!;
        var sections = new List<(List<OpenXmlElement>, SectionProperties)>();
        var current = new List<OpenXmlElement>();
        foreach (var element in body.ChildElements)
        {
            if (element is SectionProperties last) { sections.Add((current, last)); break; }
            current.Add(element);
            if (element is Paragraph { ParagraphProperties.SectionProperties: { } properties })
            {
                sections.Add((current, properties));
                current = [];
            }
        }
        return sections;
    }

    private static string Text(IEnumerable<OpenXmlElement> content) =>
        string.Join("\n", content.SelectMany(e => e is Paragraph p ? [p] : e.Descendants<Paragraph>()).Select(p => p.InnerText));

    private static string ArtifactsDirectory() =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "invitation-artifacts")).FullName;

    [Fact]
    public async Task Each_delegate_gets_an_ND30_letter_with_the_full_content_then_their_QR_card_on_the_back_page()
    {
        var people = InvitationSelection.Select(Demo, "CommuneDelegate", null).People;
        var (response, bytes) = await LettersAsync("?nhom=CommuneDelegate");
        await File.WriteAllBytesAsync(Path.Combine(ArtifactsDirectory(), "giay-moi-chinh-thuc.docx"), bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InvitationDocument.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(InvitationLetter.FileName(Demo), response.Content.Headers.ContentDisposition!.FileNameStar);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));

        var sections = Sections(document);
        Assert.Equal(2 * people.Count, sections.Count);
        var main = document.MainDocumentPart!;
        Assert.Equal(people.Count, main.ImageParts.Count());
        Assert.Equal(people.Count, main.Document!.Descendants<DW.DocProperties>().Select(p => p.Id!.Value).Distinct().Count());

        var start = Clock.ToHallTime(Demo.ScheduledStart);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var (letterContent, letterSection) = sections[2 * i];
            var letter = Text(letterContent);
            Assert.Contains("Số …………-GM/ĐU", letter);
            Assert.Matches(@"Giao Minh, ngày \d{2} tháng \d{1,2} năm \d{4}", letter);
            Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", letter);
            Assert.Contains("\nGIẤY MỜI\n", letter);
            Assert.Contains("Về việc dự hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch HĐND xã", letter);
            Assert.Contains($"Kính gửi: Ông/Bà {person.Name} – {InvitationWording.Role(person.Title, person.Organization)}", letter);
            Assert.Contains("Thực hiện Kế hoạch số 21-KH/ĐU, Đảng ủy xã Giao Minh tổ chức hội nghị đối thoại giữa đồng chí Trần Văn Hùng", letter);
            Assert.Contains(Demo.Content, letter); // whole, not cut
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Vào hồi 14 giờ 00 phút, {DayName(start.DayOfWeek)}, ngày {start:dd/MM/yyyy}."), letter);
            Assert.Contains($"Địa điểm: {Demo.Venue}.", letter);
            Assert.Contains(InvitationLetter.Closing, letter);
            // A Party letter: Hướng dẫn 36 ends each recipient line with a comma.
            Assert.Contains("Nơi nhận:\n- Như trên,\n- Lưu VPĐU.", letter);
            Assert.Contains("T/M ĐẢNG ỦY\nBÍ THƯ\nTrần Văn Hùng", letter);
            Assert.DoesNotContain("bạn", letter, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(letterContent.SelectMany(e => e.Descendants<Drawing>()));
            // Each letter numbers its own pages and, after the first, starts on a fresh sheet.
            Assert.NotNull(letterSection.GetFirstChild<TitlePage>());
            if (i > 0)
            {
                Assert.Equal(SectionMarkValues.OddPage, letterSection.GetFirstChild<SectionType>()!.Val!.Value);
                Assert.Equal(1, letterSection.GetFirstChild<PageNumberType>()!.Start!.Value);
            }

            // The back page: that delegate's card and QR, unnumbered.
            var (backContent, backSection) = sections[2 * i + 1];
            Assert.Equal(SectionMarkValues.NextPage, backSection.GetFirstChild<SectionType>()!.Val!.Value);
            Assert.Null(backSection.GetFirstChild<HeaderReference>());
            var back = Text(backContent);
            Assert.Contains(person.Name, back);
            Assert.Contains(person.InvitationCode, back);
            Assert.Contains($"/i/{person.InvitationCode}", back);
            Assert.Contains(InvitationCard.Hint, back);
            var picture = Assert.Single(backContent.SelectMany(e => e.Descendants<DocumentFormat.OpenXml.Drawing.Blip>()));
            var png = (ImagePart)main.GetPartById(picture.Embed!.Value!);
            Assert.Equal("image/png", png.ContentType);
        }
    }

    [Fact]
    public async Task One_id_gives_one_letter_and_bad_queries_are_refused_in_Vietnamese()
    {
        var someone = Demo.Delegates.First(d => d.Group == DelegateGroup.VillageDelegate);
        var (_, one) = await LettersAsync($"?id={someone.Id}");
        using (var document = WordprocessingDocument.Open(new MemoryStream(one), false))
        {
            var sections = Sections(document);
            Assert.Equal(2, sections.Count);
            Assert.Contains($"Kính gửi: Ông/Bà {someone.Name} – {someone.Title}, {someone.Organization}", Text(sections[0].Content));
            Assert.Single(document.MainDocumentPart!.ImageParts);
        }

        var (badGroup, badGroupBody) = await LettersAsync("?nhom=7");
        Assert.Equal(HttpStatusCode.BadRequest, badGroup.StatusCode);
        Assert.Equal("text/plain", badGroup.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Nhóm đại biểu \"7\" không hợp lệ", System.Text.Encoding.UTF8.GetString(badGroupBody));

        var (badId, _) = await LettersAsync("?id=khong-phai-ma");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        var (stranger, strangerBody) = await LettersAsync($"?id={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Contains("Không tìm thấy đại biểu", System.Text.Encoding.UTF8.GetString(strangerBody));
        var unknown = await fixture.Office.GetAsync($"/delegates/{Guid.NewGuid()}/giay-moi-chinh-thuc.docx");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Anonymous_and_the_chair_get_no_letters()
    {
        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (toLogin, _) = await LettersAsync("", anonymous);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), toLogin.Headers.Location!).AbsolutePath);

        using var chair = await StaffClient.SignedInClientAsync(fixture.App, "chutri");
        var (denied, _) = await LettersAsync("", chair);
        // Refused: 403, or sent to the access-denied page.
        var where = denied.Headers.Location is { } location ? new Uri(new Uri("http://localhost"), location).AbsolutePath : "";
        output.WriteLine($"chair: {(int)denied.StatusCode} {where}");
        Assert.True(denied.StatusCode == HttpStatusCode.Forbidden || (denied.StatusCode == HttpStatusCode.Redirect && where.StartsWith("/account/", StringComparison.Ordinal)),
            $"The chair got {(int)denied.StatusCode} {where}.");
        Assert.NotEqual(InvitationDocument.ContentType, denied.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Neither_the_letters_nor_the_cards_capitalise_the_commune_mid_sentence()
    {
        var midSentence = new Regex(@"[\p{L},–]\s+Xã\b");
        foreach (var path in new[] { "giay-moi-chinh-thuc.docx", "giay-moi.docx" })
        {
            var bytes = await fixture.Office.GetByteArrayAsync($"/delegates/{Demo.Id}/{path}?nhom=CommuneDelegate");
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains(paragraphs, p => p.Contains("xã Giao Minh", StringComparison.Ordinal));
            var capitalised = paragraphs.Where(p => midSentence.IsMatch(p)).ToList();
            Assert.True(capitalised.Count == 0, $"{path}:\n" + string.Join("\n", capitalised.Take(5)));
        }
        Assert.Contains(Demo.Delegates, d => d.Organization == "Xã Giao Minh"); // the list keeps the unit as typed
    }

    [Fact]
    public async Task The_delegate_list_and_the_print_view_offer_the_letters_as_downloads()
    {
        foreach (var page in new[] { $"/delegates/{Demo.Id}", $"/delegates/{Demo.Id}/giay-moi" })
        {
            var html = await fixture.Office.GetStringAsync(page);
            // Every link to a .docx downloads: it must never replace the live page it is on.
            var links = Regex.Matches(html, @"<a\b[^>]*href=""[^""]*\.docx[^""]*""[^>]*>").Select(m => m.Value).ToList();
            Assert.Contains(links, l => l.Contains($"href=\"/delegates/{Demo.Id}/giay-moi-chinh-thuc.docx", StringComparison.Ordinal));
            Assert.All(links, l => Assert.Matches(@"\sdownload(=|\s|>)", l));
        }
    }

    [SkippableFact]
    public async Task Letters_convert_to_PDF_with_LibreOffice_as_one_sheet_front_and_back_per_delegate()
    {
        LibreOffice.SkipIfMissing();
        var (_, bytes) = await LettersAsync("?nhom=CityDelegate");
        var pdf = await LibreOffice.ToPdfAsync(bytes, "giay-moi-chinh-thuc.docx", ArtifactsDirectory());
        var pages = Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b");
        output.WriteLine($"LibreOffice made {pages} pages");
        // Two pages a delegate: the letter fits its page, the card is its back.
        Assert.Equal(2 * Demo.Delegates.Count(d => d.Group == DelegateGroup.CityDelegate), pages);
    }

    private static string DayName(DayOfWeek day) => DoiThoai.Web.Features.Preparation.Plan.AnnouncementDocument.DayName(day);
}
