using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Preparation.Plan;

/// <summary>One chair row of the form (họ tên, chức vụ).</summary>
public sealed class ChairRow
{
    public string? Name { get; set; }
    public string? Title { get; set; }
}

/// <summary>
/// What the organizer types for a meeting plan (kế hoạch), as the form holds it: date and time apart, villages and
/// content areas one per line. The domain checks and cleans the rest when the plan is created or edited.
/// </summary>
public sealed class PlanForm
{
    public string? Title { get; set; }
    public MeetingKind Kind { get; set; } = MeetingKind.Periodic;
    public DialogueForm Form { get; set; } = DialogueForm.Direct;
    public List<ChairRow> Chairs { get; set; } = [new()];
    public string? HostOffice { get; set; }
    public string? Audience { get; set; }
    public string? Venue { get; set; }
    /// <summary>The meeting day (hall calendar); the picker gives a DateTime.</summary>
    public DateTime? Date { get; set; }
    /// <summary>Opening time, 24-hour.</summary>
    public TimeSpan? Time { get; set; } = new(8, 0, 0);
    public string? Content { get; set; }
    /// <summary>Thôn, xóm and organizations, one per line.</summary>
    public string? Places { get; set; }
    public int? ExpectedAttendance { get; set; }
    public string? PlanNumber { get; set; }
    public int InvitationNoticeDays { get; set; } = PreparationDefaults.InvitationNoticeDays;

    /// <summary>A blank plan with the unit's name filled in where the plan of seed 001 has it.</summary>
    public static PlanForm For(string? unitName, int year)
    {
        var unit = InSentence(unitName);
        return new PlanForm
        {
            Title = unit.Length == 0
                ? $"Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm {year}"
                : $"Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân {unit} năm {year}",
            Audience = unit.Length == 0 ? null : $"Nhân dân {unit}",
        };
    }

    public static PlanForm From(Meeting meeting)
    {
        var start = Clock.ToHallTime(meeting.ScheduledStart);
        return new PlanForm
        {
            Title = meeting.Title,
            Kind = meeting.Kind,
            Form = meeting.Form,
            Chairs = meeting.Chairs.Select(c => new ChairRow { Name = c.Name, Title = c.Title }).ToList() is { Count: > 0 } rows ? rows : [new()],
            HostOffice = meeting.HostOffice,
            Audience = meeting.Audience,
            Venue = meeting.Venue,
            Date = start.Date,
            Time = start.TimeOfDay,
            Content = meeting.Content,
            Places = string.Join('\n', meeting.Places),
            ExpectedAttendance = meeting.ExpectedAttendance,
            PlanNumber = meeting.PlanNumber,
            InvitationNoticeDays = meeting.InvitationNoticeDays,
        };
    }

    /// <summary>The plan to hand to the domain, or why the form is not complete yet.</summary>
    public (MeetingPlan? Plan, string? Error) ToPlan(Guid unitId)
    {
        if (Date is not { } date) return (null, "Hãy chọn ngày họp (ngày/tháng/năm).");
        if (Time is not { } time) return (null, "Hãy chọn giờ họp (giờ:phút, 24 giờ).");
        if (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1)) return (null, "Giờ họp không hợp lệ.");
        if (ExpectedAttendance is not { } attendance) return (null, "Hãy ghi số người dự kiến tham dự.");
        var start = new DateTimeOffset(date.Date + new TimeSpan(time.Hours, time.Minutes, 0), Clock.VietnamOffset);
        var places = (Places ?? "").Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return (new MeetingPlan(
            Title ?? "",
            Kind,
            Chairs.Select(c => new ChairPerson(c.Name ?? "", c.Title ?? "")).ToList(),
            Venue ?? "",
            start,
            attendance,
            PlanNumber ?? "",
            HostOffice: HostOffice ?? "",
            Audience: Audience ?? "",
            Form: Form,
            PlacesList: places,
            Content: Content,
            UnitId: unitId,
            InvitationNoticeDays: InvitationNoticeDays), null);
    }

    /// <summary>"Xã Giao Minh" as it reads mid-sentence: "xã Giao Minh".</summary>
    public static string InSentence(string? unitName)
    {
        var name = (unitName ?? "").Trim();
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
