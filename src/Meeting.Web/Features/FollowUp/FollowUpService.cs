using System.Globalization;
using System.Security.Claims;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Chair;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>What a person may do with one follow-up item.</summary>
public enum FollowUpAccess { None, Read, Answer }

/// <summary>An in-app reminder: the deadline is within <see cref="FollowUpService.ReminderWorkingDays"/> working days, or passed.</summary>
public sealed record FollowUpReminder(FollowUpItem Item, ReminderKind Kind, int WorkingDaysLeft)
{
    public string Text => Kind == ReminderKind.Overdue
        ? WorkingDaysLeft < 0 ? $"Quá hạn {-WorkingDaysLeft} ngày làm việc (hạn {FollowUpService.Show(Item.Deadline)})"
            : $"Quá hạn (hạn {FollowUpService.Show(Item.Deadline)})"
        : WorkingDaysLeft == 0 ? $"Hôm nay là hạn cuối ({FollowUpService.Show(Item.Deadline)})"
        : $"Còn {WorkingDaysLeft} ngày làm việc (hạn {FollowUpService.Show(Item.Deadline)})";
}

/// <summary>
/// An office deadline after a meeting that is near or passed: chasing the departments (9 working days) or issuing the
/// conclusion notice (10), for the office and the secretary that issue it.
/// </summary>
public sealed record NoticeReminder(Guid MeetingId, Guid UnitId, string MeetingTitle, PreparationMilestone Milestone, ReminderKind Kind, int WorkingDaysLeft)
{
    public string Text => Kind == ReminderKind.Overdue
        ? $"Quá hạn {WorkingDaysLeft * -1} ngày làm việc (hạn {FollowUpService.Show(Milestone.Due)})"
        : WorkingDaysLeft == 0 ? $"Hôm nay là hạn cuối ({FollowUpService.Show(Milestone.Due)})"
        : $"Còn {WorkingDaysLeft} ngày làm việc (hạn {FollowUpService.Show(Milestone.Due)})";
}

/// <summary>The items a person sees, most urgent first, with their reminders.</summary>
/// <param name="Department">For department staff: their department's name (they see only its items).</param>
/// <param name="CanAnswer">False for the supervisor (MTTQ) and others who only read.</param>
public sealed record FollowUpList(IReadOnlyList<FollowUpItem> Items, IReadOnlyList<FollowUpReminder> Reminders, DateOnly Today,
    bool CanAnswer, string? Department, WorkingCalendar Calendar)
{
    /// <summary>For the office and the secretary: meetings whose chase or notice is near or past its deadline.</summary>
    public IReadOnlyList<NoticeReminder> NoticeReminders { get; init; } = [];
}

public sealed record FollowUpDetail(FollowUpItem Item, FollowUpAccess Access, DateOnly Today, FollowUpReminder? Reminder, IssuedNotice? Notice);

/// <summary>The follow-up as the citizen sees it on their status page.</summary>
public sealed record CitizenFollowUp(string Department, DateOnly Deadline, string StateText, FollowUpState State,
    string? AnswerText, string? AnswerReference, DateOnly? AnswerDate);

public sealed record IssueResult(string? Error, int Items)
{
    public bool Ok => Error is null;
}

public sealed record AnswerInput(string? Text, string? Reference, DateOnly? Date);

/// <summary>A file sent with an answer; <paramref name="Size"/> is what the sender declared (checked again while reading).</summary>
public sealed record AnswerFile(string Name, long? Size, Func<Stream> Open);

public sealed record StoredAttachment(string FullPath, string DownloadName, string ContentType);

/// <summary>
/// Follow-up of the recommendations not resolved at the meeting: issuing the conclusion notice turns each into an item
/// with its lead department and a deadline 15 working days later; department staff answer their own items, organizers
/// all of their units', the supervisor (MTTQ) and the leaders read. Items are never reached through a {meetingId}
/// route, so every method here checks the person's units itself.
/// </summary>
public sealed class FollowUpService(
    IDbContextFactory<AppDb> dbFactory,
    UnitAccess units,
    CalendarService calendars,
    TimeProvider clock,
    IOptions<DoiThoaiOptions> options,
    MeetingCommands commands,
    ILogger<FollowUpService> logger)
{
    /// <summary>Who may open the follow-up pages at all (what each sees is narrowed further).</summary>
    public const string Viewers = "Admin,Organizer,Chair,Secretary,Department,Supervisor";
    /// <summary>Who answers any item of their units (department staff answer only their department's).</summary>
    public const string Managers = "Admin,Organizer";
    /// <summary>Who reads every item of their units without changing them.</summary>
    public const string Readers = "Chair,Secretary,Supervisor";
    public const string IssuerRoles = StaffRoles.SecretarySeat;
    public const int ReminderWorkingDays = 3;
    public const string ItemNotFound = "Không tìm thấy ý kiến này.";
    public const string ReadOnly = "Bạn chỉ được xem, không được ghi trả lời cho ý kiến này.";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public DateOnly Today => HallDate(clock);

    /// <summary>Today in the hall's time zone: deadlines are days in Vietnam, whatever the server's zone.</summary>
    public static DateOnly HallDate(TimeProvider clock) => DateOnly.FromDateTime(Clock.ToHallTime(clock.GetUtcNow()).DateTime);

    /// <summary>Where attached files live: the data folder, or the nodes' shared folder.</summary>
    private string FilesRoot => options.Value.FilesRoot;

    public static string Show(DateOnly date) => date.ToString("dd/MM/yyyy", Invariant);

    // ---- Issuing the notice ----

    /// <summary>
    /// Issues the conclusion notice of an ended meeting: one follow-up item per opinion not resolved at the meeting,
    /// numbered as in the notice, all in one transaction. Refused (nothing stored) when the meeting has not ended, the
    /// notice was issued already, an opinion has no lead department, or the date is before the meeting or after today.
    /// </summary>
    public async Task<IssueResult> IssueNoticeAsync(Guid meetingId, ClaimsPrincipal user, string? number, DateOnly? noticeDate, bool complex,
        CancellationToken ct = default)
    {
        if (!user.IsInAny(IssuerRoles)) return new(MeetingCommands.NoPermission, 0);
        var cleanNumber = SearchText.Clean(number);
        if (cleanNumber.Length == 0) return new("Hãy nhập số của thông báo kết luận, ví dụ 35-TB/ĐU.", 0);
        if (cleanNumber.Length > IssuedNotice.MaxNumberLength) return new($"Số thông báo tối đa {IssuedNotice.MaxNumberLength} ký tự.", 0);
        if (noticeDate is not { } date) return new("Hãy chọn ngày ban hành thông báo (ngày/tháng/năm).", 0);

        var today = Today;
        var calendar = await calendars.ForMeetingAsync(meetingId, ct);
        // Through the meeting's writer: two secretaries pressing at once are applied one after the other (the second
        // sees the first), and the notice is journalled so every seat hears of it.
        var result = await commands.RunAsync(meetingId, user, IssuerRoles, async scope =>
        {
            var meeting = scope.Meeting;
            if (meeting.Status != MeetingStatus.Ended)
                throw new MeetingRuleException("Hội nghị chưa kết thúc. Thông báo kết luận chỉ ban hành sau khi bế mạc hội nghị.");
            var issued = await IssuedAsync(scope, meetingId);
            if (issued is not null) throw new MeetingRuleException(AlreadyIssued(issued));
            var meetingDate = ConclusionNotice.Draft(meeting, calendar, date, complex).MeetingDate;
            if (date < meetingDate)
                throw new MeetingRuleException($"Ngày ban hành {Show(date)} trước ngày hội nghị ({Show(meetingDate)}). Hãy kiểm tra lại ngày ký thông báo.");
            if (date > today)
                throw new MeetingRuleException($"Ngày ban hành {Show(date)} sau hôm nay ({Show(today)}). Chỉ ban hành khi thông báo đã được ký.");

            // Opinions collected before the meeting are followed up too; each keeps its own number.
            var unresolved = ConclusionNotice.ToAnswerInWriting(meeting);
            var unassigned = ConclusionNotice.WithoutLead(meeting).Select(o => $"Ý kiến số {o.Number}").ToList();
            if (unassigned.Count > 0)
                throw new MeetingRuleException($"{string.Join(", ", unassigned)} chưa giao phòng, ban chủ trì. Hãy giao phòng, ban chủ trì trả lời trước khi ban hành thông báo.");

            var deadline = calendar.AddWorkingDays(date, ConclusionNotice.AnswerWorkingDays);
            var items = unresolved.Select(opinion =>
            {
                var lead = opinion.LeadAssignment!;
                // The status link the person got when they first raised it (not a later "trao đổi thêm" turn).
                var token = meeting.Requests.Where(r => r.OpinionId == opinion.Id && !r.IsFollowUp).OrderBy(r => r.Number).FirstOrDefault()?.StatusToken;
                return new FollowUpItem(meeting.UnitId, meeting.Id, meeting.Title, opinion, lead.DepartmentId, lead.DepartmentName,
                    date, deadline, token);
            }).ToList();

            meeting.RecordNoticeIssued(cleanNumber, date, items.Count, scope.Now);
            scope.Add(new IssuedNotice
            {
                MeetingId = meeting.Id, UnitId = meeting.UnitId, Number = cleanNumber, NoticeDate = date, Complex = complex,
                ItemCount = items.Count, IssuedBy = user.Identity?.Name ?? "?", IssuedAt = scope.Now,
            });
            foreach (var item in items) scope.Add(item);
            return items.Count;
        }, ct);
        return result.Ok ? new(null, result.Value) : new(result.Error, 0);
    }

    /// <summary>
    /// After Bế mạc and until the notice is issued, the secretary gives an opinion to answer in writing its lead
    /// department, or hands it to another one. Refused once the notice is issued: its items carry the departments.
    /// </summary>
    public async Task<string?> AssignBeforeNoticeAsync(Guid meetingId, ClaimsPrincipal user, DepartmentAssignment assignment, CancellationToken ct = default)
    {
        var result = await commands.RunAsync(meetingId, user, IssuerRoles, async scope =>
        {
            var issued = await IssuedAsync(scope, meetingId);
            if (issued is not null)
                throw new MeetingRuleException(AlreadyIssued(issued) + " Phòng, ban được giao không đổi được nữa.");
            scope.Meeting.AssignDepartments(assignment.OpinionId, assignment.Departments, assignment.LeadId, scope.Now, new SeenLead(assignment.SeenLeadId));
            return true;
        }, ct);
        return result.Ok ? null : result.Error ?? MeetingCommands.SaveFailed;
    }

    /// <summary>The meeting's notice, also one issued by an earlier command of the same batch (added, not yet committed).</summary>
    private static async Task<IssuedNotice?> IssuedAsync(CommandScope scope, Guid meetingId) =>
        scope.Db.ChangeTracker.Entries<IssuedNotice>().Select(e => e.Entity).FirstOrDefault(n => n.MeetingId == meetingId)
        ?? await scope.Db.Set<IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == meetingId, scope.CancellationToken);

    private static string AlreadyIssued(IssuedNotice n) =>
        $"Thông báo kết luận của hội nghị này đã được ban hành (số {n.Number}, ngày {Show(n.NoticeDate)}). Các ý kiến đang được theo dõi.";

    /// <summary>The notice issued for a meeting of the person's units, if any.</summary>
    public async Task<IssuedNotice?> NoticeOfAsync(ClaimsPrincipal user, Guid meetingId, CancellationToken ct = default)
    {
        var visible = await units.VisibleUnitsAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notice = await db.Set<IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == meetingId, ct);
        return notice is not null && visible.Contains(notice.UnitId) ? notice : null;
    }

    // ---- The person who raised it ----

    /// <summary>
    /// What /s/{token} shows once the notice is issued: the department, the deadline, the state and the answer when given.
    /// A request merged into another follows the opinion it joined. Nothing about the person who answered or anyone else.
    /// </summary>
    public static async Task<CitizenFollowUp?> ForCitizenAsync(AppDb db, Opinion? opinion, DateOnly today, CancellationToken ct = default)
    {
        if (opinion is null) return null;
        var opinionId = opinion.MergedIntoId ?? opinion.Id;
        var item = await db.Set<FollowUpItem>().AsNoTracking().FirstOrDefaultAsync(i => i.OpinionId == opinionId, ct);
        if (item is null) return null;
        var state = item.StateOn(today);
        return new(item.DepartmentName, item.Deadline, FollowUpItem.ToVietnamese(state), state,
            item.Status == FollowUpStatus.Answered ? item.AnswerText : null, item.AnswerReference, item.AnswerDate);
    }

    // ---- Reading ----

    public static FollowUpAccess AccessOf(ClaimsPrincipal user, FollowUpItem item, IReadOnlySet<Guid> visibleUnits)
    {
        if (!visibleUnits.Contains(item.UnitId)) return FollowUpAccess.None;
        if (AnswersFor(user, item)) return FollowUpAccess.Answer;
        return user.IsInAny(Readers) ? FollowUpAccess.Read : FollowUpAccess.None;
    }

    /// <summary>Organizers answer any item, department staff their own department's (the unit is checked separately).</summary>
    public static bool AnswersFor(ClaimsPrincipal user, FollowUpItem item) =>
        user.IsInAny(Managers) || (user.IsInRole(StaffRoles.Department) && UnitAccess.DepartmentOf(user) == item.DepartmentId);

    /// <summary>Department staff see only their department's items; the others every item of their units.</summary>
    private static bool SeesOnlyOwnDepartment(ClaimsPrincipal user) => !user.IsInAny(Managers + "," + Readers);

    public async Task<FollowUpList> ListAsync(ClaimsPrincipal user, DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? Today;
        // The person's own unit's calendar for the page; each item's reminder counts on its own unit's.
        var calendar = await calendars.CalendarAsync(UnitAccess.UnitOf(user), ct);
        if (!user.IsInAny(Viewers)) return new([], [], day, false, null, calendar);
        var visible = (await units.VisibleUnitsAsync(user, ct)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<FollowUpItem>().AsNoTracking().Where(i => visible.Contains(i.UnitId));
        string? department = null;
        if (SeesOnlyOwnDepartment(user))
        {
            if (UnitAccess.DepartmentOf(user) is not { } own) return new([], [], day, false, null, calendar);
            query = query.Where(i => i.DepartmentId == own);
            department = await db.Departments.Where(d => d.Id == own).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        }
        // A unit's items are a few hundred a year: order and filter in memory, with the state read against today.
        var items = FollowUpItem.ByUrgency(await query.ToListAsync(ct), day).ToList();
        var canAnswer = user.IsInAny(Managers) || department is not null;
        var notices = department is null && user.IsInAny(NoticeKeepers) ? await NoticeRemindersAsync(db, calendars, visible, day, ct) : [];
        var calendarOf = await calendars.ForUnitsAsync(items.Select(i => i.UnitId), ct);
        return new(items, RemindersFor(items, day, i => calendarOf(i.UnitId)), day, canAnswer, department, calendar) { NoticeReminders = notices };
    }

    /// <summary>Who keeps the deadlines after a meeting: the office that chases, and the secretary and chair who issue the notice.</summary>
    public const string NoticeKeepers = "Admin,Organizer,Chair,Secretary";

    /// <summary>
    /// Meetings held and closed whose notice is not issued yet, with the deadline near (3 working days) or passed: for the
    /// pages of the units a person sees, or (<paramref name="visible"/> null) every unit, for the reminder e-mails.
    /// </summary>
    internal static async Task<IReadOnlyList<NoticeReminder>> NoticeRemindersAsync(AppDb db, CalendarService calendars, IReadOnlyCollection<Guid>? visible,
        DateOnly today, CancellationToken ct)
    {
        var issued = db.Set<IssuedNotice>().Select(n => n.MeetingId);
        var query = db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Ended && !issued.Contains(m.Id));
        if (visible is not null) query = query.Where(m => visible.Contains(m.UnitId));
        var ended = await query.ToListAsync(ct);
        var calendarOf = await calendars.ForUnitsAsync(ended.Select(m => m.UnitId), ct);
        return ended
            .SelectMany(m => m.AfterTimeline(calendarOf(m.UnitId), null).Where(s => s.DoneOn is null).Select(s =>
                s.StateOn(today) == MilestoneState.Late
                    ? new NoticeReminder(m.Id, m.UnitId, m.Title, s, ReminderKind.Overdue, -calendarOf(m.UnitId).WorkingDaysBetween(s.Due, today))
                    : new NoticeReminder(m.Id, m.UnitId, m.Title, s, ReminderKind.DueSoon, calendarOf(m.UnitId).WorkingDaysBetween(today, s.Due))))
            .Where(r => r.Kind == ReminderKind.Overdue || r.WorkingDaysLeft <= ReminderWorkingDays)
            .OrderBy(r => r.Kind == ReminderKind.Overdue ? 0 : 1).ThenBy(r => r.Milestone.Due)
            .ToList();
    }

    public async Task<int> ReminderCountAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var list = await ListAsync(user, null, ct);
        return list.Reminders.Count + list.NoticeReminders.Count;
    }

    /// <summary>One item, or null when it does not exist or is not this person's to see (the same answer for both).</summary>
    public async Task<FollowUpDetail?> GetAsync(ClaimsPrincipal user, Guid itemId, DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? Today;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.Set<FollowUpItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return null;
        var access = AccessOf(user, item, await units.VisibleUnitsAsync(user, ct));
        if (access == FollowUpAccess.None) return null;
        var notice = await db.Set<IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == item.MeetingId, ct);
        var calendar = await calendars.CalendarAsync(item.UnitId, ct);
        return new(item, access, day, RemindersFor([item], day, _ => calendar).FirstOrDefault(), notice);
    }

    /// <param name="calendarOf">The calendar of the item's unit: its working days are what the deadline counts.</param>
    public static IReadOnlyList<FollowUpReminder> RemindersFor(IEnumerable<FollowUpItem> items, DateOnly today, Func<FollowUpItem, WorkingCalendar> calendarOf) =>
        items.Where(i => i.Status != FollowUpStatus.Answered)
            .Select(i => i.StateOn(today) == FollowUpState.Overdue
                ? new FollowUpReminder(i, ReminderKind.Overdue, -calendarOf(i).WorkingDaysBetween(i.Deadline, today))
                : new FollowUpReminder(i, ReminderKind.DueSoon, calendarOf(i).WorkingDaysBetween(today, i.Deadline)))
            .Where(r => r.Kind == ReminderKind.Overdue || r.WorkingDaysLeft <= ReminderWorkingDays)
            .OrderBy(r => r.Kind == ReminderKind.Overdue ? 0 : 1).ThenBy(r => r.Item.Deadline).ThenBy(r => r.Item.OpinionNumber)
            .ToList();

    // ---- Changing ----

    /// <summary>"Đang xử lý": the department has started on it. Null when done, else why not.</summary>
    public async Task<string?> StartProcessingAsync(ClaimsPrincipal user, Guid itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (item, refused) = await FindForAnswerAsync(db, user, itemId, ct);
        if (item is null) return refused;
        try
        {
            item.StartProcessing(user.Identity?.Name ?? "?", Clock.ToHallTime(clock.GetUtcNow()));
        }
        catch (MeetingRuleException rule)
        {
            return rule.Message;
        }
        return await SaveAsync(db, itemId, ct);
    }

    /// <summary>
    /// Records (or corrects) the written answer with an optional attached file. Null when saved, else why not; a refused
    /// answer stores nothing, not even the file.
    /// </summary>
    public async Task<string?> RecordAnswerAsync(ClaimsPrincipal user, Guid itemId, AnswerInput answer, AnswerFile? file,
        DateOnly? today = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (item, refused) = await FindForAnswerAsync(db, user, itemId, ct);
        if (item is null) return refused;
        if (file is not null && FollowUpFiles.Check(file.Name, file.Size) is { } badFile) return badFile;

        var by = user.Identity?.Name ?? "?";
        var now = Clock.ToHallTime(clock.GetUtcNow());
        var day = today ?? Today;
        var previousFile = item.AttachmentPath;
        try
        {
            // Checked before the file is read: a missing text or a wrong date costs no upload.
            item.RecordAnswer(answer.Text, answer.Reference, answer.Date, null, null, by, now, day);
        }
        catch (MeetingRuleException rule)
        {
            return rule.Message;
        }

        string? stored = null;
        if (file is not null)
        {
            string? error;
            await using (var content = file.Open())
                (stored, error) = await FollowUpFiles.SaveAsync(FilesRoot, file.Name, content, ct);
            if (error is not null) return error;
            item.RecordAnswer(answer.Text, answer.Reference, answer.Date, FollowUpFiles.CleanName(file.Name), stored, by, now, day);
        }
        var saveError = await SaveAsync(db, itemId, ct);
        if (saveError is not null)
        {
            FollowUpFiles.Delete(FilesRoot, stored);
            return saveError;
        }
        if (stored is not null && previousFile is not null && previousFile != stored) FollowUpFiles.Delete(FilesRoot, previousFile);
        return null;
    }

    /// <summary>The attached file of an item this person may see; null otherwise (or when the file is gone).</summary>
    public async Task<StoredAttachment?> AttachmentAsync(ClaimsPrincipal user, Guid itemId, CancellationToken ct = default)
    {
        if (await GetAsync(user, itemId, null, ct) is not { Item: var item }) return null;
        return FollowUpFiles.FullPath(FilesRoot, item.AttachmentPath) is { } full
            ? new(full, item.AttachmentName ?? Path.GetFileName(full), FollowUpFiles.ContentTypeOf(full))
            : null;
    }

    private async Task<(FollowUpItem? Item, string? Refused)> FindForAnswerAsync(AppDb db, ClaimsPrincipal user, Guid itemId, CancellationToken ct)
    {
        if (!user.IsInAny(Viewers)) return (null, MeetingCommands.NoPermission);
        var item = await db.Set<FollowUpItem>().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return (null, ItemNotFound);
        return AccessOf(user, item, await units.VisibleUnitsAsync(user, ct)) switch
        {
            FollowUpAccess.Answer => (item, null),
            FollowUpAccess.Read => (null, ReadOnly),
            _ => (null, ItemNotFound),
        };
    }

    private async Task<string?> SaveAsync(AppDb db, Guid itemId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Saving follow-up item {ItemId} failed", itemId);
            return MeetingCommands.SaveFailed;
        }
    }
}
