using System.Globalization;

namespace DoiThoai.Domain;

/// <summary>The meeting's plan (kế hoạch) and its preparation: edited until the meeting opens, milestones marked done.</summary>
public sealed partial class Meeting
{
    public const int MaxTitleLength = 500;
    public const int MaxPlanTextLength = 300;
    public const int MaxPlanNumberLength = 100;
    public const int MaxPlanContentLength = 4000;
    public const int MaxChairTitleLength = 200;
    /// <summary>Up to three co-chairs: seed 000 names the Party secretary and two deputies.</summary>
    public const int MaxChairs = 3;
    public const int MaxPlaces = 100;
    public const int MaxExpectedAttendance = 100_000;

    // Journal kinds of the plan; kept here so the preparation feature does not touch the shared event list.
    public const string PlanEditedEvent = "PlanEdited";
    public const string PreparationMarkedEvent = "PreparationMarked";
    public const string PreparationUnmarkedEvent = "PreparationUnmarked";

    /// <summary>The day of the meeting in hall time: the deadlines count back from it.</summary>
    public DateOnly MeetingDate => DateOnly.FromDateTime(Clock.ToHallTime(ScheduledStart).DateTime);

    /// <summary>Nội dung đối thoại, one content area per line as the plan lists them.</summary>
    public IReadOnlyList<string> ContentAreas => Content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The plan can change while the meeting is being prepared, not once it is opened.</summary>
    public bool CanEditPlan => Status is MeetingStatus.Draft or MeetingStatus.Announced;

    /// <summary>The preparation deadlines of this meeting with what is marked done (none for an ad-hoc meeting).</summary>
    public IReadOnlyList<PreparationMilestone> Timeline(WorkingCalendar calendar) =>
        PreparationTimeline.For(Kind, MeetingDate, calendar, PreparationMarks.ToDictionary(m => m.Key, m => m.DoneOn), InvitationNoticeDays);

    /// <summary>The day the meeting was held (or is to be): what the deadlines after it count from.</summary>
    public DateOnly HeldOn => DateOnly.FromDateTime(Clock.ToHallTime(StartedAt ?? ScheduledStart).DateTime);

    /// <summary>The office's deadlines after the meeting, with the chase marked done and the notice done once issued.</summary>
    public IReadOnlyList<PreparationMilestone> AfterTimeline(WorkingCalendar calendar, DateOnly? noticeIssuedOn, bool complex = false) =>
        AfterMeetingTimeline.For(HeldOn, calendar, PreparationMarks.FirstOrDefault(m => m.Key == AfterMeetingTimeline.Chase)?.DoneOn,
            noticeIssuedOn, complex);

    /// <summary>
    /// Replaces the plan (everything but the unit, which never moves). Returns what changed, in Vietnamese; nothing
    /// changed raises nothing. Refused once the meeting is opened: the minutes and the invitations then quote it.
    /// </summary>
    public IReadOnlyList<string> EditPlan(MeetingPlan plan)
    {
        if (Status == MeetingStatus.Live) throw new MeetingRuleException("Hội nghị đang diễn ra: không sửa kế hoạch được nữa.");
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc: không sửa kế hoạch được nữa.");
        var values = PlanValues.Check(plan);
        var changed = values.ChangesFrom(this);
        if (changed.Count == 0) return changed;
        Apply(values);
        Raise(PlanEditedEvent, $"Sửa kế hoạch hội nghị: {string.Join(", ", changed)}.");
        return changed;
    }

    /// <summary>Marks a preparation milestone done, on <paramref name="doneOn"/> (today in hall time if not given).</summary>
    public PreparationMark MarkPreparationDone(string key, DateTimeOffset now, string by, DateOnly? doneOn = null)
    {
        var title = MilestoneTitle(key);
        var today = DateOnly.FromDateTime(Clock.ToHallTime(now).DateTime);
        var day = doneOn ?? today;
        if (day > today) throw new MeetingRuleException("Ngày hoàn thành không được sau hôm nay.");
        if (PreparationMarks.FirstOrDefault(m => m.Key == key) is { } existing)
            throw new MeetingRuleException($"Mốc này đã được đánh dấu xong ngày {Day(existing.DoneOn)}.");
        var mark = new PreparationMark(key, day, SearchText.Clean(by));
        // A new list: EF Core notices a replaced JSON collection for certain.
        PreparationMarks = [.. PreparationMarks, mark];
        Raise(PreparationMarkedEvent, $"Đã xong: {title} (ngày {Day(day)}).", staffOnly: true);
        return mark;
    }

    public void UndoPreparationDone(string key)
    {
        var title = MilestoneTitle(key);
        if (!PreparationMarks.Any(m => m.Key == key)) throw new MeetingRuleException("Mốc này chưa được đánh dấu xong.");
        PreparationMarks = PreparationMarks.Where(m => m.Key != key).ToList();
        Raise(PreparationUnmarkedEvent, $"Bỏ đánh dấu đã xong: {title}.", staffOnly: true);
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private string MilestoneTitle(string key)
    {
        // Marked by hand after any meeting, ad hoc too; the notice's own milestone is done by issuing it.
        if (key == AfterMeetingTimeline.Chase) return AfterMeetingTimeline.ChaseTitle;
        if (Kind == MeetingKind.AdHoc) throw new MeetingRuleException("Hội nghị đột xuất không có mốc chuẩn bị.");
        // The titles live with the timeline; the calendar does not matter for them.
        return PreparationTimeline.For(Kind, MeetingDate, new WorkingCalendar(), invitationWorkingDays: InvitationNoticeDays)
            .FirstOrDefault(m => m.Key == key)?.Title
            ?? throw new MeetingRuleException("Không có mốc chuẩn bị này.");
    }

    private void Apply(PlanValues v)
    {
        Title = v.Title;
        Kind = v.Kind;
        Form = v.Form;
        Chairs = v.Chairs.ToList();
        HostOffice = v.HostOffice;
        Audience = v.Audience;
        Venue = v.Venue;
        ScheduledStart = v.ScheduledStart;
        ExpectedAttendance = v.ExpectedAttendance;
        PlanNumber = v.PlanNumber;
        Content = v.Content;
        Places = v.Places.ToList();
        InvitationNoticeDays = v.InvitationNoticeDays;
    }
}

/// <summary>A plan checked and cleaned (NFC, single spaces, one content area per line); refused as a whole if any part is wrong.</summary>
internal sealed record PlanValues(
    string Title, MeetingKind Kind, DialogueForm Form, IReadOnlyList<ChairPerson> Chairs, string HostOffice, string Audience,
    string Venue, DateTimeOffset ScheduledStart, int ExpectedAttendance, string PlanNumber, string Content,
    IReadOnlyList<string> Places, int InvitationNoticeDays)
{
    public static PlanValues Check(MeetingPlan plan)
    {
        var title = Text(plan.Title, Meeting.MaxTitleLength, "Tên hội nghị");
        if (title.Length == 0) throw new MeetingRuleException("Hội nghị cần có tên.");
        if (!Enum.IsDefined(plan.Kind)) throw new MeetingRuleException("Hãy chọn loại hội nghị: định kỳ, chuyên đề hoặc đột xuất.");
        if (!Enum.IsDefined(plan.Form)) throw new MeetingRuleException("Hãy chọn hình thức đối thoại: trực tiếp hoặc gián tiếp.");

        var chairs = (plan.Chairs ?? []).Select(c => new ChairPerson(SearchText.Clean(c?.Name), SearchText.Clean(c?.Title)))
            .Where(c => c.Name.Length > 0 || c.Title.Length > 0).ToList();
        if (chairs.Count is < 1 or > Meeting.MaxChairs) throw new MeetingRuleException($"Hội nghị có từ một đến {Meeting.MaxChairs} người chủ trì.");
        foreach (var chair in chairs)
        {
            if (chair.Name.Length == 0) throw new MeetingRuleException($"Hãy ghi họ tên người chủ trì ({chair.Title}).");
            if (chair.Name.Length > Meeting.MaxNameLength) throw new MeetingRuleException($"Họ tên người chủ trì tối đa {Meeting.MaxNameLength} ký tự.");
            if (chair.Title.Length > Meeting.MaxChairTitleLength) throw new MeetingRuleException($"Chức vụ người chủ trì tối đa {Meeting.MaxChairTitleLength} ký tự.");
        }
        if (chairs.GroupBy(c => SearchText.Fold(c.Name)).Any(g => g.Count() > 1))
            throw new MeetingRuleException("Hai người chủ trì trùng tên.");

        var venue = Text(plan.Venue, Meeting.MaxPlanTextLength, "Địa điểm");
        if (venue.Length == 0) throw new MeetingRuleException("Hãy ghi địa điểm tổ chức hội nghị.");
        if (plan.ScheduledStart == default) throw new MeetingRuleException("Hãy chọn ngày và giờ họp.");
        if (plan.ExpectedAttendance is < 1 or > Meeting.MaxExpectedAttendance)
            throw new MeetingRuleException("Số người dự kiến tham dự phải từ 1 đến 100.000.");
        if (plan.InvitationNoticeDays is not (5 or 7))
            throw new MeetingRuleException("Giấy mời và thông báo gửi trước 5 hoặc 7 ngày làm việc.");

        var content = string.Join('\n', (plan.Content ?? "").Split('\n')
            .Select(line => SearchText.Clean(line.Replace('\r', ' ')).TrimStart('-', '+', '•', '*', ' ').Trim())
            .Where(line => line.Length > 0));
        if (content.Length > Meeting.MaxPlanContentLength) throw new MeetingRuleException($"Nội dung đối thoại tối đa {Meeting.MaxPlanContentLength} ký tự.");

        var places = new List<string>();
        foreach (var raw in plan.Places)
        {
            var place = SearchText.Clean(raw);
            if (place.Length == 0) continue;
            if (place.Length > Meeting.MaxPlaceLength) throw new MeetingRuleException($"Tên thôn, xóm, tổ chức tối đa {Meeting.MaxPlaceLength} ký tự: {place[..30]}…");
            // The same village typed twice is one village.
            if (places.Any(p => SearchText.Fold(p) == SearchText.Fold(place))) continue;
            places.Add(place);
        }
        if (places.Count > Meeting.MaxPlaces) throw new MeetingRuleException($"Danh sách thôn, xóm, tổ chức tối đa {Meeting.MaxPlaces} dòng.");

        return new(title, plan.Kind, plan.Form, chairs, Text(plan.HostOffice, Meeting.MaxPlanTextLength, "Cơ quan tham mưu"),
            Text(plan.Audience, Meeting.MaxPlanTextLength, "Đối tượng đối thoại"), venue, plan.ScheduledStart, plan.ExpectedAttendance,
            Text(plan.PlanNumber, Meeting.MaxPlanNumberLength, "Số kế hoạch"), content, places, plan.InvitationNoticeDays);
    }

    /// <summary>What differs from the meeting, as the journal words it.</summary>
    public List<string> ChangesFrom(Meeting m)
    {
        var changed = new List<string>();
        if (Title != m.Title) changed.Add("tên hội nghị");
        if (Kind != m.Kind) changed.Add($"loại ({Kind.ToVietnamese().ToLowerInvariant()})");
        if (Form != m.Form) changed.Add($"hình thức ({Form.ToVietnamese().ToLowerInvariant()})");
        if (!Chairs.SequenceEqual(m.Chairs)) changed.Add("người chủ trì");
        if (HostOffice != m.HostOffice) changed.Add("cơ quan tham mưu");
        if (Audience != m.Audience) changed.Add("đối tượng đối thoại");
        if (Venue != m.Venue) changed.Add($"địa điểm ({Venue})");
        if (ScheduledStart != m.ScheduledStart) changed.Add($"thời gian ({Clock.ToHallTime(ScheduledStart).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)})");
        if (ExpectedAttendance != m.ExpectedAttendance) changed.Add($"số người dự kiến ({ExpectedAttendance})");
        if (PlanNumber != m.PlanNumber) changed.Add("số kế hoạch");
        if (Content != m.Content) changed.Add("nội dung đối thoại");
        if (!Places.SequenceEqual(m.Places)) changed.Add("danh sách thôn, xóm");
        if (InvitationNoticeDays != m.InvitationNoticeDays) changed.Add($"gửi giấy mời trước {InvitationNoticeDays} ngày làm việc");
        return changed;
    }

    private static string Text(string? value, int max, string label)
    {
        var text = SearchText.Clean(value);
        return text.Length <= max ? text : throw new MeetingRuleException($"{label} tối đa {max} ký tự.");
    }
}
