using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.FollowUp;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Erasure = DoiThoai.Domain.PersonalData;

namespace DoiThoai.Web.Tests.PersonalData;

/// <summary>
/// The office erases a person at their request, over the real app and database: the demo meeting played to its end,
/// its minutes edited by the secretary and its notice issued, then both citizens who spoke are erased.
/// </summary>
public sealed class PersonalDataEraseTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Office = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private PersonalDataService Service => _app.AppServices.GetRequiredService<PersonalDataService>();

    /// <summary>What must not move when a person is erased: numbers, statuses, outcomes, attendance, discussed opinions.</summary>
    private static string Counts(Meeting m) => string.Join(" | ",
        string.Join(",", m.Requests.OrderBy(r => r.Number).Select(r => $"{r.Number}:{r.Status}")),
        string.Join(",", m.Opinions.OrderBy(o => o.Number).Select(o => $"{o.Number}:{o.Outcome}:{o.Field}:{o.Assignments.Count}")),
        string.Join(",", m.AttendanceByGroup()),
        m.Delegates.Count, MinutesDraft.Discussed(m).Count, MinutesDraft.InNotice(m).Count);

    [Fact]
    public async Task Erasing_a_person_leaves_no_name_in_the_rows_journal_minutes_follow_up_or_docx_and_keeps_every_count()
    {
        var followed = await FollowedMeeting.PlayAsync(_app);
        await followed.IssueAsync(_app);
        var spoke = followed.Played.Answered.SubmitterName;
        var waits = followed.Played.InWriting.SubmitterName;
        var waitsContent = followed.Played.InWriting.Content;
        Assert.NotEqual(spoke, waits);
        var before = await _app.LoadAsync(followed.Id);
        var journalBefore = await JournalAsync(followed.Id);
        Assert.Contains(journalBefore, t => t.Contains(spoke));
        Assert.Contains((await MinutesTextAsync(followed.Id)), t => t.Contains(spoke));

        var found = await Service.SearchAsync(Office, SearchText.Fold(spoke));
        Assert.Null(found.Error);
        Assert.Contains(found.Records, r => r.Kind == RecordKind.Request && r.Name == spoke && r.Details.Contains(followed.Played.Answered.Content));
        var first = await Service.EraseAsync(Office, spoke, null);
        var second = await Service.EraseAsync(Office, waits, null);

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        Assert.True(first.Requests >= 1 && first.Opinions >= 1, $"{first}");
        var after = await _app.LoadAsync(followed.Id);
        Assert.Equal(Counts(before), Counts(after));
        foreach (var name in new[] { spoke, waits, waitsContent })
        {
            Assert.DoesNotContain(after.Requests, r => r.Name.Contains(name));
            Assert.DoesNotContain(after.Opinions, o => o.SubmitterName.Contains(name) || o.Content.Contains(name));
            Assert.DoesNotContain(after.Delegates, d => d.Name.Contains(name));
            Assert.DoesNotContain(await JournalAsync(followed.Id), t => t.Contains(name));
            Assert.DoesNotContain(await MinutesTextAsync(followed.Id), t => t.Contains(name));
        }
        Assert.Equal(Erasure.Marker, after.FindOpinion(followed.Played.Answered.Id).SubmitterName);
        Assert.Equal(Erasure.Marker, after.FindOpinion(followed.Played.InWriting.Id).Content);

        // The journal says it happened, and by whom, not about whom.
        var journal = await _app.JournalAfterAsync(followed.Id, before.LastSequence);
        Assert.Equal(2, journal.Count);
        Assert.All(journal, e =>
        {
            Assert.Equal(EventKinds.PersonalDataErased, e.Kind);
            Assert.Contains(Erasure.ErasedEventText, e.Text);
            Assert.Equal("vanphong", e.Actor);
            Assert.True(e.StaffOnly);
        });

        // The follow-up item's copy, and the documents built from the minutes.
        var item = await followed.ItemAsync(_app);
        Assert.Equal(Erasure.Marker, item.SubmitterName);
        Assert.Equal(Erasure.Marker, item.Content);
        using var secretary = await _app.SignedInClientAsync("thuky");
        var docx = await secretary.GetAsync($"/minutes/{followed.Id}/bien-ban.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.DoesNotContain(spoke, text);
            Assert.DoesNotContain(waits, text);
            Assert.Contains(Erasure.Marker, text);
        }
        // Erased people are not found again.
        Assert.Empty((await Service.SearchAsync(Office, spoke)).Records);
    }

    [Fact]
    public async Task Search_ignores_diacritics_and_finds_by_phone_and_bad_input_is_refused_in_Vietnamese()
    {
        var demo = await _app.DemoMeetingAsync();
        var request = await _app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
            new SpeakRequestDraft("Đặng Thị Ngọc Ánh", "Xóm 7", OpinionField.Economy, "Đề nghị xây nhà văn hóa xóm 7.", SpeakMode.Speak,
                OpinionSource.Paper, Phone: "0987 654 321", PhoneConsent: true), now));

        var byName = await Service.SearchAsync(Office, "dang thi ngoc anh");
        var record = Assert.Single(byName.Records, r => r.Kind == RecordKind.Request);
        Assert.Equal(request.Value!.Id, record.Id);
        Assert.Equal("0987654321", record.Phone);
        Assert.Contains("Đề nghị xây nhà văn hóa xóm 7.", record.Details);
        Assert.Equal(request.Value.Id, Assert.Single((await Service.SearchAsync(Office, "+84 987 654 321")).Records).Id);

        foreach (var bad in new[] { "", "  a ", "12345", new string('x', 101) })
        {
            var refused = await Service.SearchAsync(Office, bad);
            Assert.NotNull(refused.Error);
            Assert.Empty(refused.Records);
        }
        Assert.Equal(PersonalDataService.BadQuery, (await Service.SearchAsync(Office, "12345")).Error);
        Assert.Equal(MeetingCommands.NoPermission, (await Service.SearchAsync(Hall.Chair, "dang thi ngoc anh")).Error);
        var refusedErase = await Service.EraseAsync(Office, "12", null);
        Assert.Equal(PersonalDataService.BadQuery, refusedErase.Error);
        Assert.Equal("Đặng Thị Ngọc Ánh", (await _app.LoadAsync(demo.Id)).FindRequest(request.Value.Id).Name);
    }

    [Fact]
    public async Task Another_communes_staff_neither_find_nor_export_nor_erase_the_person()
    {
        var demo = await _app.DemoMeetingAsync();
        await _app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
            new SpeakRequestDraft("Đặng Thị Ngọc Ánh", "Xóm 7", OpinionField.Economy, "Đề nghị xây nhà văn hóa xóm 7.", SpeakMode.Speak, OpinionSource.Paper), now));
        var giaoHoa = TestApp.Staff(StaffRoles.Organizer, "giaohoa", DemoUnits.GiaoHoaId);
        var before = await JournalAsync(demo.Id);

        Assert.Empty((await Service.SearchAsync(giaoHoa, "Đặng Thị Ngọc Ánh")).Records);
        var erase = await Service.EraseAsync(giaoHoa, "Đặng Thị Ngọc Ánh", null);
        Assert.Equal("Không có thông tin nào để xóa.", erase.Error);
        // Even naming the meeting's records directly goes through the same search, so nothing is reached.
        var ids = (await _app.LoadAsync(demo.Id)).Requests.Select(r => r.Id).ToList();
        Assert.Equal("Không có thông tin nào để xóa.", (await Service.EraseAsync(giaoHoa, "Đặng Thị Ngọc Ánh", ids)).Error);
        using var other = await _app.SignedInClientAsync("giaohoa");
        var download = await other.GetAsync($"/du-lieu-ca-nhan/tai-ve?q={Uri.EscapeDataString("dang thi ngoc anh")}");
        Assert.Equal(HttpStatusCode.BadRequest, download.StatusCode);
        Assert.DoesNotContain("Ánh", await download.Content.ReadAsStringAsync());

        Assert.Equal(before, await JournalAsync(demo.Id));
        Assert.Contains((await _app.LoadAsync(demo.Id)).Requests, r => r.Name == "Đặng Thị Ngọc Ánh");
        // A chair of the same commune has no access to the download either.
        using var chair = await _app.SignedInClientAsync("chutri");
        var denied = await chair.GetAsync($"/du-lieu-ca-nhan/tai-ve?q=dang");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task The_office_downloads_the_chosen_records_as_a_sheet_a_person_can_read()
    {
        var demo = await _app.DemoMeetingAsync();
        var request = await _app.MustAsync(demo.Id, Hall.Reception, StaffRoles.ReceptionSeat, (m, now) => m.Submit(
            new SpeakRequestDraft("Đặng Thị Ngọc Ánh", "Xóm 7", OpinionField.Economy, "Đề nghị xây nhà văn hóa xóm 7.", SpeakMode.Speak,
                OpinionSource.Paper, Phone: "0987654321", PhoneConsent: true), now));
        using var office = await _app.SignedInClientAsync("vanphong");

        var response = await office.GetAsync(PersonalDataEndpoints.ExportPath("dang thi ngoc anh", [request.Value!.Id]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PersonalDataSheet.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: PersonalDataSheet.SheetName)
            .Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("Đặng Thị Ngọc Ánh", row["Họ và tên"]);
        Assert.Equal("Phiếu đăng ký phát biểu", row["Loại thông tin"]);
        Assert.Equal("0987654321", row["Số điện thoại"]?.ToString());
        Assert.Contains("Đề nghị xây nhà văn hóa xóm 7.", row["Nội dung"]?.ToString());
        Assert.Equal(demo.Title, row["Hội nghị"]);

        var garbled = await office.GetAsync("/du-lieu-ca-nhan/tai-ve?q=dang&chon=not-an-id");
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Contains("không hợp lệ", await garbled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_office_finds_the_page_from_the_home_page_and_other_roles_do_not()
    {
        using var office = await _app.SignedInClientAsync("vanphong");
        Assert.Contains($"href=\"{PersonalDataEndpoints.PagePath}\"", await office.GetStringAsync("/"));
        var page = await office.GetAsync(PersonalDataEndpoints.PagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Dữ liệu cá nhân theo yêu cầu của người dân", await page.Content.ReadAsStringAsync());

        using var chair = await _app.SignedInClientAsync("chutri");
        Assert.DoesNotContain(PersonalDataEndpoints.PagePath, await chair.GetStringAsync("/"));
        var refused = await chair.GetAsync(PersonalDataEndpoints.PagePath);
        Assert.DoesNotContain("Dữ liệu cá nhân theo yêu cầu của người dân", await refused.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> JournalAsync(Guid meetingId)
    {
        await using var db = await _app.OpenDbAsync();
        return await db.Journal.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Sequence).Select(e => e.Text).ToListAsync();
    }

    /// <summary>The stored edits and the minutes as the secretary's page and the documents see them.</summary>
    private async Task<List<string>> MinutesTextAsync(Guid meetingId)
    {
        await using var db = await _app.OpenDbAsync();
        var stored = await db.Set<MinutesEntry>().AsNoTracking().Where(e => e.MeetingId == meetingId).Select(e => e.Text + "\n" + e.GeneratedBase).ToListAsync();
        var snapshot = await _app.AppServices.GetRequiredService<MinutesStore>().LoadAsync(meetingId);
        return stored.Concat(snapshot!.Parts.Select(p => p.Section.Generated + "\n" + p.Text)).ToList();
    }
}
