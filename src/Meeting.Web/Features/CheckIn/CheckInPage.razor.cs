using DoiThoai.Domain;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DoiThoai.Web.Features.CheckIn;

public partial class CheckInPage
{
    private string? _code;
    private string? _query;
    private string? _walkInName;
    private string? _walkInPlace;
    private CheckInResult? _last;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private sealed record CheckInResult(bool Ok, string Headline, string Detail);

    private async Task CheckInByCodeAsync()
    {
        var code = _code;
        _code = "";
        await CheckInTextAsync(code);
    }

    /// <summary>What the camera read; true when someone was checked in.</summary>
    private async Task<bool> CheckInScannedAsync(string text)
    {
        await CheckInTextAsync(text);
        StateHasChanged(); // called from the browser, not from an event of this page
        return _last?.Ok == true;
    }

    private Task CheckInTextAsync(string? text)
    {
        // A scanner reads the whole URL (/i/{code}); keep only the code. Anything else is refused as a foreign code.
        var trimmed = (text ?? "").Trim().TrimEnd('/');
        var lastSlash = trimmed.LastIndexOf('/');
        return RunAsync((m, now) => m.CheckInByCode(lastSlash >= 0 ? trimmed[(lastSlash + 1)..] : trimmed, now));
    }

    private Task CheckInAsync(MeetingDelegate person) => RunAsync((m, now) => m.CheckIn(person.Id, now));

    private async Task UndoAsync(MeetingDelegate person)
    {
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, StaffRoles.ReceptionSeat, (m, now) => m.UndoCheckIn(person.Id, now));
        _last = result.Ok
            ? new CheckInResult(true, $"Đã hủy điểm danh: {person.Name}", "")
            : new CheckInResult(false, "Không hủy được", result.Error ?? "");
    }

    private async Task WalkInAsync()
    {
        await RunAsync((m, now) => m.AddWalkIn(_walkInName ?? "", _walkInPlace ?? "", now));
        if (_last?.Ok == true) _walkInName = _walkInPlace = "";
    }

    private async Task RunAsync(Func<Meeting, DateTimeOffset, MeetingDelegate> command)
    {
        var result = await Commands.RunAsync(MeetingId, (await AuthState).User, StaffRoles.ReceptionSeat, command);
        _last = result.Ok && result.Value is { } person
            ? new CheckInResult(true, person.Name, $"{person.Group.ToVietnamese()}{(person.Organization.Length > 0 ? " — " + person.Organization : "")}")
            : new CheckInResult(false, "Chưa điểm danh được", result.Error ?? MeetingCommands.SaveFailed);
    }
}
