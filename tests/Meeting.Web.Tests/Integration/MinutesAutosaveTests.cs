using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>The minutes over real HTTP: autosave, two secretaries on one section, a restart in the middle of typing.</summary>
public sealed class MinutesAutosaveTests
{
    private static async Task<MinutesEndpoints.MinutesDto> ReadAsync(HttpClient client, Guid meetingId) =>
        (await client.GetFromJsonAsync<MinutesEndpoints.MinutesDto>($"/api/minutes/{meetingId}"))!;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid meetingId, string key, string text, int baseVersion, string? generated = null) =>
        client.PutAsJsonAsync($"/api/minutes/{meetingId}/{key}", new MinutesEndpoints.SaveRequest(text, baseVersion, generated));

    [Fact]
    public async Task A_saved_section_is_read_back_and_a_second_writer_on_an_old_version_gets_both_texts()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var first = await app.SignedInClientAsync("thuky");
        using var second = await app.SignedInClientAsync("chutri");
        var conclusion = (await ReadAsync(first, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Conclusion);
        Assert.False(conclusion.Edited);

        var saved = await SaveAsync(first, meeting.Id, MinutesKeys.Conclusion, "Chủ trì kết luận: giao Phòng Kinh tế rà soát.", 0, conclusion.Generated);
        var lost = await SaveAsync(second, meeting.Id, MinutesKeys.Conclusion, "Bản của người thứ hai.", 0, conclusion.Generated);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var conflict = await lost.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Chủ trì kết luận: giao Phòng Kinh tế rà soát.", conflict.GetProperty("theirText").GetString());
        Assert.Equal(1, conflict.GetProperty("theirVersion").GetInt32());
        Assert.Contains("thuky đã sửa phần này", conflict.GetProperty("message").GetString());
        var stored = (await ReadAsync(second, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Conclusion);
        Assert.Equal(("Chủ trì kết luận: giao Phòng Kinh tế rà soát.", true, 1), (stored.Text, stored.Edited, stored.Version));

        // Having seen both, the second keeps theirs by saving over the version they were shown.
        var kept = await SaveAsync(second, meeting.Id, MinutesKeys.Conclusion, "Bản đã thống nhất.", 1);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(2, (await ReadAsync(first, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Conclusion).Version);
    }

    [Fact]
    public async Task Parallel_saves_over_the_same_version_let_exactly_one_win()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignedInClientAsync("thuky")));
        await SaveAsync(clients[0], meeting.Id, MinutesKeys.Content, "Bản đầu.", 0);

        var results = await Task.WhenAll(clients.Select((c, i) => SaveAsync(c, meeting.Id, MinutesKeys.Content, $"Bản {i}", 1)));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task What_was_saved_before_a_restart_is_there_after_it()
    {
        var folder = TestApp.NewDataDirectory();
        Guid meetingId;
        await using (var before = new TestApp(folder))
        {
            meetingId = (await before.DemoMeetingAsync()).Id;
            using var client = await before.SignedInClientAsync("thuky");
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, meetingId, MinutesKeys.Conclusion, "Đang gõ dở: giao Công an xã", 0)).StatusCode);
        }

        await using var after = new TestApp(folder);
        using var again = await after.SignedInClientAsync("thuky");
        var part = (await ReadAsync(again, meetingId)).Parts.Single(p => p.Key == MinutesKeys.Conclusion);
        Assert.Equal(("Đang gõ dở: giao Công an xã", 1), (part.Text, part.Version));
    }

    [Fact]
    public async Task Generated_sections_follow_the_meeting_and_an_edited_one_gets_additions_not_overwrites()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var client = await app.SignedInClientAsync("thuky");
        await app.MustAsync(meeting.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        var proceedings = (await ReadAsync(client, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Proceedings);
        await SaveAsync(client, meeting.Id, MinutesKeys.Proceedings, "Khai mạc đúng giờ.", 0, proceedings.Generated);

        await app.MustAsync(meeting.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.NextStep(now));
        var after = (await ReadAsync(client, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Proceedings);

        Assert.Equal("Khai mạc đúng giờ.", after.Text);
        Assert.Contains("Chủ trì thông báo mục đích", after.Additions);
        var attendance = (await ReadAsync(client, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Attendance);
        Assert.False(attendance.Edited);
        Assert.Contains("Chủ trì hội nghị", attendance.Text);
    }

    [Fact]
    public async Task Bad_input_and_other_roles_are_refused_with_a_message_and_change_nothing()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        using var secretary = await app.SignedInClientAsync("thuky");
        using var reception = await app.SignedInClientAsync("tiepnhan");

        var tooLong = await SaveAsync(secretary, meeting.Id, MinutesKeys.Conclusion, new string('a', MinutesStore.MaxTextLength + 1), 0);
        var foreign = await reception.PutAsJsonAsync($"/api/minutes/{meeting.Id}/{MinutesKeys.Conclusion}", new MinutesEndpoints.SaveRequest("x", 0, null));
        var unknown = await SaveAsync(secretary, Guid.NewGuid(), MinutesKeys.Conclusion, "x", 0);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("tối đa", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("không có quyền", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.False((await ReadAsync(secretary, meeting.Id)).Parts.Single(p => p.Key == MinutesKeys.Conclusion).Edited);

        // No rows for keys the minutes do not have: a made-up section, an opinion the meeting does not hold.
        foreach (var key in new[] { "ghi-chu-rieng", "opinion-9999", "x" })
        {
            var made = await SaveAsync(secretary, meeting.Id, key, "x", 0);
            Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
        }
        await using var db = await app.OpenDbAsync();
        Assert.Equal(0, await db.Set<MinutesEntry>().CountAsync(e => e.MeetingId == meeting.Id));
    }
}

public sealed class MinutesLiveTests
{
    [Fact]
    public async Task A_saved_section_is_announced_to_the_other_editors_of_that_meeting_only()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        await using var otherEditor = app.HubClient(await app.SignInCookieAsync("chutri"));
        var heard = new TaskCompletionSource<MinutesEditedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        otherEditor.On<MinutesEditedMessage>(nameof(IMeetingClient.MinutesEdited), m => heard.TrySetResult(m));
        await otherEditor.StartAsync();
        await otherEditor.InvokeAsync<FollowResult>(nameof(MeetingHub.FollowStaff), meeting.Id, 0L);
        // A phone following the same meeting publicly hears nothing of the minutes.
        await using var phone = app.HubClient();
        var phoneHeard = 0;
        phone.On<MinutesEditedMessage>(nameof(IMeetingClient.MinutesEdited), _ => Interlocked.Increment(ref phoneHeard));
        var phoneChange = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.On<MeetingChangeMessage>(nameof(IMeetingClient.MeetingChanged), _ => phoneChange.TrySetResult());
        await phone.StartAsync();
        await phone.InvokeAsync<FollowResult>(nameof(MeetingHub.Follow), meeting.PublicCode, 0L);

        using var secretary = await app.SignedInClientAsync("thuky");
        var saved = await secretary.PutAsJsonAsync($"/api/minutes/{meeting.Id}/{MinutesKeys.Conclusion}",
            new MinutesEndpoints.SaveRequest("Hội nghị thống nhất giao các phòng trả lời trong 15 ngày làm việc.", 0, null));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var message = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((meeting.Id, MinutesKeys.Conclusion, 1, "thuky"), (message.MeetingId, message.Key, message.Version, message.EditedBy));
        // Something public after it (the meeting opens) reaches the phone; the minutes never did.
        await app.MustAsync(meeting.Id, Hall.Chair, StaffRoles.ChairSeat, (m, now) => m.Start(now));
        await phoneChange.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, Volatile.Read(ref phoneHeard));
    }
}

public sealed class MinutesNoteTests
{
    [Fact]
    public async Task A_note_beside_an_opinion_reaches_the_chair_as_a_staff_note_and_other_fields_are_refused()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var opinion = meeting.Opinions.OrderBy(o => o.Number).First();
        using var secretary = await app.SignedInClientAsync("thuky");

        var ok = await secretary.PostAsJsonAsync($"/api/minutes/{meeting.Id}/{MinutesKeys.Answer(opinion.Number)}/note",
            new MinutesEndpoints.NoteRequest("Hộ này đã được hỗ trợ năm 2025, đề nghị chủ trì lưu ý."));
        var refused = await secretary.PostAsJsonAsync($"/api/minutes/{meeting.Id}/{MinutesKeys.Conclusion}/note",
            new MinutesEndpoints.NoteRequest("x"));
        var empty = await secretary.PostAsJsonAsync($"/api/minutes/{meeting.Id}/{MinutesKeys.Opinion(opinion.Number)}/note",
            new MinutesEndpoints.NoteRequest("  "));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Ghi chú trống", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        var notes = (await app.LoadAsync(meeting.Id)).Opinions.Single(o => o.Id == opinion.Id).Notes;
        Assert.Contains(notes, n => n.Text.StartsWith("Hộ này đã được hỗ trợ", StringComparison.Ordinal) && n.Author == "Thư ký (thuky)");
    }

    [Fact]
    public async Task A_note_sent_again_after_a_lost_reply_reaches_the_chair_once()
    {
        await using var app = new TestApp();
        var meeting = await app.DemoMeetingAsync();
        var opinion = meeting.Opinions.OrderBy(o => o.Number).First();
        using var secretary = await app.SignedInClientAsync("thuky");
        var note = new MinutesEndpoints.NoteRequest("Đề nghị chủ trì mời Phòng Kinh tế trả lời.", Guid.NewGuid());
        var path = $"/api/minutes/{meeting.Id}/{MinutesKeys.Opinion(opinion.Number)}/note";
        var journalled = await NoteEventsAsync(app, meeting.Id);

        var first = await secretary.PostAsJsonAsync(path, note);
        var retried = await secretary.PostAsJsonAsync(path, note);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        // The same note answers both times (the stored time is kept to the millisecond).
        var (sent, again) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await retried.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(sent.GetProperty("text").GetString(), again.GetProperty("text").GetString());
        Assert.True(Math.Abs((sent.GetProperty("at").GetDateTimeOffset() - again.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds) < 1);
        var stored = await app.LoadAsync(meeting.Id);
        Assert.Single(stored.Opinions.Single(o => o.Id == opinion.Id).Notes, n => n.Text == note.Text);
        Assert.Equal(journalled + 1, await NoteEventsAsync(app, meeting.Id));
    }

    private static async Task<int> NoteEventsAsync(TestApp app, Guid meetingId)
    {
        await using var db = await app.OpenDbAsync();
        return await db.Journal.CountAsync(e => e.MeetingId == meetingId && e.Kind == EventKinds.StaffNoteAdded);
    }
}
