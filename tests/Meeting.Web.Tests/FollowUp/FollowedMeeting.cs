using System.Net.Http.Json;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Documents;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.FollowUp;

/// <summary>
/// The demo meeting played to its end (<see cref="PlayedMeeting"/>), with the opinion left for a written answer led by
/// Giao Minh's "Phòng Kinh tế" — the department of the demo account <c>phongban</c>.
/// </summary>
public sealed record FollowedMeeting(PlayedMeeting Played, Department KinhTe, string StatusToken, string AnsweredToken)
{
    public const string KinhTeName = "Phòng Kinh tế";
    public const string NoticeNumber = "35-TB/ĐU";

    public Guid Id => Played.Meeting.Id;

    /// <param name="meetingId">A meeting built like the demo one; by default the demo meeting itself.</param>
    public static async Task<FollowedMeeting> PlayAsync(TestApp app, Guid? meetingId = null)
    {
        var played = await PlayedMeeting.PlayAsync(app, meetingId ?? (await app.DemoMeetingAsync()).Id);
        var id = played.Meeting.Id;
        Department kinhTe;
        await using (var db = await app.OpenDbAsync())
            kinhTe = await db.Departments.AsNoTracking().SingleAsync(d => d.UnitId == DemoUnits.GiaoMinhId && d.Name == KinhTeName);
        if (played.InWriting.LeadAssignment?.DepartmentId != kinhTe.Id)
            await app.MustAsync(id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.AssignDepartments(played.InWriting.Id, [kinhTe.ToRef()], kinhTe.Id, now));
        var meeting = await app.LoadAsync(id);
        string TokenOf(Guid opinionId) => meeting.Requests.Single(r => r.OpinionId == opinionId && !r.IsFollowUp).StatusToken;
        return new(played with { Meeting = meeting, InWriting = meeting.FindOpinion(played.InWriting.Id) }, kinhTe,
            TokenOf(played.InWriting.Id), TokenOf(played.Answered.Id));
    }

    /// <summary>Issues the notice today as the secretary and returns the one item it creates.</summary>
    public async Task<FollowUpItem> IssueAsync(TestApp app)
    {
        var followUps = Service(app);
        var result = await followUps.IssueNoticeAsync(Id, Hall.Secretary, NoticeNumber, followUps.Today, complex: false);
        Assert.True(result.Ok, result.Error);
        Assert.Equal(1, result.Items);
        return await ItemAsync(app);
    }

    public async Task<FollowUpItem> ItemAsync(TestApp app)
    {
        await using var db = await app.OpenDbAsync();
        return await db.Set<FollowUpItem>().AsNoTracking().SingleAsync(i => i.MeetingId == Id);
    }

    public static FollowUpService Service(TestApp app) => app.AppServices.GetRequiredService<FollowUpService>();

    /// <summary>Department staff as the sign-in cookie describes them (unit and department claims).</summary>
    public static ClaimsPrincipal DepartmentStaff(Guid departmentId, string name = "phongban", Guid? unitId = null) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, StaffRoles.Department),
            new Claim(UnitAccess.UnitClaim, (unitId ?? DemoUnits.GiaoMinhId).ToString()),
            new Claim(UnitAccess.DepartmentClaim, departmentId.ToString()),
        ], "Test"));

    public static readonly ClaimsPrincipal Supervisor = TestApp.Staff(StaffRoles.Supervisor, "giamsat");
    public static readonly ClaimsPrincipal Organizer = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    public static readonly ClaimsPrincipal OtherCommune = TestApp.Staff(StaffRoles.Organizer, "giaohoa", DemoUnits.GiaoHoaId);

    /// <summary>A small but real PDF (its first bytes are what the server checks).</summary>
    public static byte[] Pdf(string text = "Van ban tra loi") =>
        System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    /// <summary>Posts an answer over HTTP as the signed-in client, with the antiforgery token the API hands out.</summary>
    public static async Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, Guid itemId, string text, string? reference, string date,
        (string Name, byte[] Bytes)? file = null)
    {
        var token = await client.GetFromJsonAsync<AntiforgeryDto>("/api/theo-doi/antiforgery")
            ?? throw new InvalidOperationException("No antiforgery token.");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(text), "text" },
            { new StringContent(reference ?? ""), "reference" },
            { new StringContent(date), "date" },
        };
        if (file is { } f) content.Add(new ByteArrayContent(f.Bytes), "file", f.Name);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/theo-doi/{itemId}/tra-loi") { Content = content };
        request.Headers.Add(token.HeaderName, token.Token);
        return await client.SendAsync(request);
    }

    public sealed record AntiforgeryDto(string HeaderName, string FormFieldName, string Token);
}
