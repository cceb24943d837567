namespace DoiThoai.Domain.Tests;

/// <summary>Builds meetings and requests for the tests. All times are explicit, counted from <see cref="T0"/>.</summary>
internal static class TestMeetings
{
    /// <summary>14:00 on 9 May 2026, hall time (UTC+7).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 5, 9, 14, 0, 0, TimeSpan.FromHours(7));

    public static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    public static MeetingPlan Plan() => new(
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2026",
        MeetingKind.Periodic,
        [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy"), new ChairPerson("Lê Thị Mai", "Chủ tịch UBND xã")],
        "Hội trường UBND xã Giao Minh",
        T0,
        115,
        "21-KH/ĐU",
        HostOffice: "Văn phòng Đảng ủy",
        Audience: "Nhân dân xã Giao Minh",
        PlacesList: ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Hội Nông dân xã"]);

    /// <summary>A meeting as created and stored (its creation journalled), not yet announced.</summary>
    public static Meeting Draft()
    {
        var meeting = Meeting.Create(Plan());
        meeting.TakeEvents();
        return meeting;
    }

    /// <summary>A live meeting, started at <see cref="T0"/> and at step 5 (people speak), with no pending events.</summary>
    public static Meeting Live()
    {
        var meeting = Draft();
        meeting.Announce();
        meeting.Start(T0);
        meeting.GoToStep(StandardAgenda.SpeakingStep, T0, confirmGoingBack: false);
        meeting.TakeEvents();
        return meeting;
    }

    public static SpeakRequestDraft Request(
        string name = "Nguyễn Văn An",
        string place = "Thôn Đông",
        string content = "Đề nghị xã sớm sửa chữa đường liên thôn bị xuống cấp.",
        OpinionField field = OpinionField.Economy,
        SpeakMode mode = SpeakMode.Speak,
        OpinionSource source = OpinionSource.Phone,
        string? phone = null,
        bool phoneConsent = false,
        string? idempotencyKey = null) =>
        new(name, place, field, content, mode, source, phone, phoneConsent, idempotencyKey);

    /// <summary>Submits and approves a speak-request; it joins the queue approved at <paramref name="atSeconds"/>.</summary>
    public static SpeakRequest Queue(this Meeting meeting, string name, string place, int atSeconds)
    {
        var request = meeting.Submit(Request(name, place), At(atSeconds));
        meeting.Approve(request.Id, At(atSeconds));
        return request;
    }

    /// <summary>Calls the head of the queue, lets it speak for <paramref name="seconds"/> and finishes the turn.</summary>
    public static SpeakRequest SpeakNext(this Meeting meeting, int atSeconds, int seconds = 60)
    {
        var speaker = meeting.CallNext(At(atSeconds));
        meeting.StartTimer(At(atSeconds));
        meeting.FinishTurn(At(atSeconds + seconds));
        return speaker;
    }

    public static IReadOnlyList<string> QueueNames(this Meeting meeting) =>
        meeting.QueuedRequests().Select(r => r.Name).ToList();

    public static DepartmentRef Department(string name) => new Department(name, 0).ToRef();
}
