using System.Net;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Answers;
using DoiThoai.Web.Features.Preparation.Opinions;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>
/// Department staff write the answers to the collected opinions their department leads, before the meeting; the
/// answer report (Mẫu 6) is built from them. Another department's opinion, another commune's meeting and an empty
/// answer are refused, and nothing changes.
/// </summary>
public sealed class PreparedAnswersTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Guid _meetingId;
    private Department _kinhTe = default!, _vanHoa = default!;

    public async Task InitializeAsync()
    {
        _meetingId = await CollectedApp.PreparingMeetingAsync(_app);
        var departments = await CollectedApp.DepartmentsAsync(_app);
        _kinhTe = departments.Single(d => d.Name == "Phòng Kinh tế");
        _vanHoa = departments.Single(d => d.Name == "Phòng Văn hóa - Xã hội");
        var today = CollectedApp.Today(_app);
        await _app.MustAsync(_meetingId, CollectedApp.Organizer, CollectedOpinionAccess.Roles, (m, now) =>
        {
            var road = m.CollectOpinion(new("Nguyễn Văn Bình", "Xóm 3", OpinionField.Economy, "Đề nghị sửa đường trục xóm 3.", CollectedChannel.Front, today), now);
            var fertiliser = m.CollectOpinion(new("Trần Thị Hoa", "Xóm 5", OpinionField.Economy, "Đề nghị hỗ trợ giá phân bón.", CollectedChannel.Front, today), now);
            var playground = m.CollectOpinion(new("Phạm Thị Dung", "Xóm 9", OpinionField.CultureSociety, "Đề nghị làm sân chơi cho trẻ em.", CollectedChannel.Front, today), now);
            m.AssignCollectedOpinion(road.Id, [_kinhTe.ToRef(), _vanHoa.ToRef()], _kinhTe.Id, today.AddDays(5), now);
            m.AssignCollectedOpinion(fertiliser.Id, [_kinhTe.ToRef()], _kinhTe.Id, today.AddDays(3), now);
            m.AssignCollectedOpinion(playground.Id, [_vanHoa.ToRef()], _vanHoa.Id, today.AddDays(2), now);
            // Not assigned yet: nobody prepares it.
            m.CollectOpinion(new("Lê Văn Cường", "Xóm 7", OpinionField.LandEnvironment, "Bãi rác ven đê.", CollectedChannel.Front, today), now);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private PreparedAnswersService Answers => _app.AppServices.GetRequiredService<PreparedAnswersService>();

    private ClaimsPrincipal StaffOf(Department department, string name = "phongban")
    {
        var user = TestApp.Staff(StaffRoles.Department, name);
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(UnitAccess.DepartmentClaim, department.Id.ToString()));
        return user;
    }

    private async Task<string> AnswersAsync() =>
        string.Join("|", (await _app.LoadAsync(_meetingId)).CollectedOpinions().Select(o => $"{o.Number}:{o.PreparedAnswer}"));

    [Fact]
    public async Task A_department_sees_the_opinions_it_leads_most_urgent_first_and_the_office_sees_all()
    {
        var kinhTe = await Answers.ListAsync(StaffOf(_kinhTe));
        Assert.Equal(["Đề nghị hỗ trợ giá phân bón.", "Đề nghị sửa đường trục xóm 3."], kinhTe.Select(r => r.Content));
        Assert.Equal(["Phòng Văn hóa - Xã hội"], kinhTe[1].Coordinating);

        var office = await Answers.ListAsync(CollectedApp.Organizer);
        Assert.Equal(3, office.Count);
        Assert.Equal("Đề nghị làm sân chơi cho trẻ em.", office[0].Content);
        Assert.Empty(await Answers.ListAsync(TestApp.Staff(StaffRoles.Department, "khong-phong-ban")));
        Assert.Empty(await Answers.ListAsync(TestApp.Staff(StaffRoles.Supervisor, "giamsat")));
    }

    [Fact]
    public async Task The_answer_a_department_saves_goes_into_the_answer_report_and_answered_ones_go_down_the_list()
    {
        var fertiliser = (await Answers.ListAsync(StaffOf(_kinhTe)))[0];
        Assert.Null(await Answers.SaveAsync(StaffOf(_kinhTe), _meetingId, fertiliser.OpinionId,
            "  UBND xã đã đề nghị Hội Nông dân phối hợp bán phân bón trả chậm cho hội viên.  "));

        var list = await Answers.ListAsync(StaffOf(_kinhTe));
        Assert.Equal(["Đề nghị sửa đường trục xóm 3.", "Đề nghị hỗ trợ giá phân bón."], list.Select(r => r.Content));
        Assert.Equal("UBND xã đã đề nghị Hội Nông dân phối hợp bán phân bón trả chậm cho hội viên.", list[1].PreparedAnswer);

        using var office = await _app.SignedInClientAsync("vanphong");
        var report = await office.GetByteArrayAsync(CollectedOpinionAccess.AnswerReportPath(_meetingId));
        using var document = WordprocessingDocument.Open(new MemoryStream(report), false);
        Assert.Contains("bán phân bón trả chậm", document.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Another_departments_opinion_an_empty_answer_and_another_communes_staff_are_refused_without_a_change()
    {
        var rows = await Answers.ListAsync(CollectedApp.Organizer);
        var playground = rows.Single(r => r.Content.Contains("sân chơi"));
        var road = rows.Single(r => r.Content.Contains("đường trục"));
        var before = await AnswersAsync();

        // Phòng Văn hóa only coordinates on the road: the lead (Kinh tế) writes the answer.
        Assert.Equal(PreparedAnswersService.NotYours, await Answers.SaveAsync(StaffOf(_vanHoa), _meetingId, road.OpinionId, "Trả lời thay."));
        Assert.Equal(PreparedAnswersService.NotYours, await Answers.SaveAsync(StaffOf(_kinhTe), _meetingId, playground.OpinionId, "Trả lời thay."));
        Assert.Contains("Hãy nhập nội dung trả lời", await Answers.SaveAsync(StaffOf(_kinhTe), _meetingId, road.OpinionId, "   "));
        var otherCommune = TestApp.Staff(StaffRoles.Department, "phongban-giaohoa", DemoUnits.GiaoHoaId);
        ((ClaimsIdentity)otherCommune.Identity!).AddClaim(new Claim(UnitAccess.DepartmentClaim, _kinhTe.Id.ToString()));
        Assert.Equal(MeetingCommands.MeetingNotFound, await Answers.SaveAsync(otherCommune, _meetingId, road.OpinionId, "Trả lời."));
        Assert.Empty(await Answers.ListAsync(otherCommune));
        Assert.Equal(MeetingCommands.NoPermission, await Answers.SaveAsync(TestApp.Staff(StaffRoles.Supervisor, "giamsat"), _meetingId, road.OpinionId, "Trả lời."));
        // Department staff whose account names no department answer nothing.
        Assert.Equal(PreparedAnswersService.NotYours, await Answers.SaveAsync(TestApp.Staff(StaffRoles.Department, "khong-phong-ban"), _meetingId, road.OpinionId, "Trả lời."));

        Assert.Equal(before, await AnswersAsync());
    }

    [Fact]
    public async Task The_demo_department_account_opens_its_page_and_the_supervisor_is_turned_away()
    {
        using var phongban = await _app.SignedInClientAsync("phongban");
        var page = await phongban.GetStringAsync("/chuan-bi-tra-loi");
        Assert.Contains("Chuẩn bị trả lời ý kiến thu thập trước hội nghị", page);
        using var giamsat = await _app.SignedInClientAsync("giamsat");
        var refused = await giamsat.GetAsync("/chuan-bi-tra-loi");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery);
    }
}
