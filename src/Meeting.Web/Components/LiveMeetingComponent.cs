using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using DoiThoai.Web.Features.Units;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Components;

/// <summary>
/// Base of every live staff seat: shows the node's shared copy of the meeting (<see cref="MeetingSnapshots"/>),
/// re-renders when that copy is refreshed after committed changes (bursts coalesce into one refresh for all seats),
/// and ticks once a second while a timer runs so countdowns move.
/// The <see cref="Meeting"/> is shared and read-only: changes go through <see cref="MeetingCommands"/>.
/// </summary>
public abstract class LiveMeetingComponent : ComponentBase, IAsyncDisposable
{
    private IDisposable? _subscription;
    private int _reloadQueued;
    private readonly CancellationTokenSource _stop = new();
    private Task? _ticker;

    [Inject] protected IDbContextFactory<AppDb> DbFactory { get; set; } = default!;
    [Inject] protected MeetingSnapshots Snapshots { get; set; } = default!;
    [Inject] protected MeetingCommands Commands { get; set; } = default!;
    [Inject] protected TimeProvider Time { get; set; } = default!;

    [Inject] protected UnitAccess Units { get; set; } = default!;

    [Parameter] public Guid MeetingId { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Staff seats show only their own units' meetings; the projector kiosk is opened by a signed link instead.</summary>
    protected virtual bool RequiresUnitAccess => true;

    protected Meeting? Meeting { get; private set; }
    protected bool NotFound { get; private set; }
    protected DateTimeOffset Now => Clock.ToHallTime(Time.GetUtcNow());
    /// <summary>Renders a marker browser tests wait for before clicking (STACK.md trap 6).</summary>
    protected bool IsInteractive => RendererInfo.IsInteractive;

    protected override async Task OnParametersSetAsync()
    {
        if (_subscription is null && RendererInfo.IsInteractive)
        {
            _subscription = Snapshots.Follow(MeetingId, QueueReload);
            _ticker = TickAsync(_stop.Token);
        }
        await ReloadAsync();
    }

    protected async Task ReloadAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        Meeting = await Snapshots.GetAsync(MeetingId);
        if (Meeting is not null && RequiresUnitAccess && AuthenticationState is not null
            && !(await Units.VisibleUnitsAsync((await AuthenticationState).User)).Contains(Meeting.UnitId))
            Meeting = null;
        NotFound = Meeting is null;
        await OnMeetingLoadedAsync(db);
    }

    /// <summary>For pages that need more than the meeting (departments, journal).</summary>
    protected virtual Task OnMeetingLoadedAsync(AppDb db) => Task.CompletedTask;

    private void QueueReload()
    {
        if (Interlocked.Exchange(ref _reloadQueued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            Volatile.Write(ref _reloadQueued, 0);
            try
            {
                await ReloadAsync();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                if (Meeting?.Floor.Timer.IsRunning == true) await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        if (_ticker is not null) await _ticker;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
