using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DoiThoai.Web.Features.Preparation.Plan;

public partial class PreparationPage
{
    private static readonly string[] DayNames = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    private WorkingCalendar? _calendar;
    private DateOnly? _noticeIssuedOn;
    private bool _noticeComplex;
    private bool _canEdit, _busy;
    private PlanForm? _editing;
    private PlanFields? _fields;
    private string? _editError;

    [Inject] private CalendarService Calendars { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    protected override async Task OnInitializedAsync() => _canEdit = (await AuthState).User.IsInAny(PreparationPlans.Editors);

    // The calendar is cached by its service; asking on each reload picks up a day the office just entered.
    protected override async Task OnMeetingLoadedAsync(AppDb db)
    {
        _calendar = await Calendars.CalendarAsync(Meeting?.UnitId);
        // The notice's milestone is done by issuing it: its date, and whether it was issued as complex (15 working days).
        var notice = await db.Set<FollowUp.IssuedNotice>().AsNoTracking().Where(n => n.MeetingId == MeetingId)
            .Select(n => new { n.NoticeDate, n.Complex }).FirstOrDefaultAsync();
        (_noticeIssuedOn, _noticeComplex) = (notice?.NoticeDate, notice?.Complex ?? false);
    }

    private void StartEditing() => (_editing, _editError) = (PlanForm.From(Meeting!), null);

    private void StopEditing() => (_editing, _editError) = (null, null);

    private async Task SaveAsync()
    {
        if (_editing is null) return;
        _busy = true;
        try
        {
            if (_fields?.InputError is { } bad)
            {
                _editError = bad;
                return;
            }
            var result = await PreparationPlans.EditAsync(Commands, MeetingId, (await AuthState).User, _editing);
            if (!result.Ok)
            {
                _editError = result.Error ?? MeetingCommands.SaveFailed;
                return;
            }
            Snackbar.Add(result.Value is { Count: > 0 } changed ? $"Đã lưu kế hoạch: {string.Join(", ", changed)}." : "Kế hoạch không có gì thay đổi.",
                Severity.Success);
            StopEditing();
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private Task MarkAsync(string key) => ToggleAsync(user => PreparationPlans.MarkDoneAsync(Commands, MeetingId, user, key));

    private Task UndoAsync(string key) => ToggleAsync(user => PreparationPlans.UndoDoneAsync(Commands, MeetingId, user, key));

    private async Task ToggleAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<CommandResult<bool>>> command)
    {
        _busy = true;
        try
        {
            var result = await command((await AuthState).User);
            if (!result.Ok) Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static Color ColorOf(MilestoneState state) => state switch
    {
        MilestoneState.Done => Color.Success,
        MilestoneState.Late => Color.Error,
        MilestoneState.DueToday => Color.Warning,
        _ => Color.Info,
    };

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string DayName(DateOnly day) => DayNames[(int)day.DayOfWeek];

    private static string When(Meeting meeting)
    {
        var start = Clock.ToHallTime(meeting.ScheduledStart);
        return $"{start.ToString("HH:mm", CultureInfo.InvariantCulture)}, {DayName(meeting.MeetingDate).ToLowerInvariant()} {Day(meeting.MeetingDate)}";
    }

    private static string Or(string text) => text.Length > 0 ? text : "(chưa ghi)";
}
