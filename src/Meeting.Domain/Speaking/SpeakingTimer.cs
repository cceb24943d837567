namespace DoiThoai.Domain;

/// <summary>
/// A turn's countdown, stored as a start time and the seconds already used, never as a ticking counter:
/// after a server restart the remaining time is still right. Overtime is shown, never enforced.
/// </summary>
public sealed class SpeakingTimer
{
    private SpeakingTimer() { }

    public SpeakingTimer(int limitSeconds) => LimitSeconds = limitSeconds;

    public int LimitSeconds { get; private set; }
    public DateTimeOffset? RunningSince { get; private set; }
    public int SecondsBeforeRun { get; private set; }

    public bool IsRunning => RunningSince is not null;
    public bool HasStarted => IsRunning || SecondsBeforeRun > 0;

    public int ElapsedSeconds(DateTimeOffset now) =>
        SecondsBeforeRun + (RunningSince is { } since ? Math.Max(0, (int)(now - since).TotalSeconds) : 0);

    /// <summary>Negative when the speaker runs over.</summary>
    public int RemainingSeconds(DateTimeOffset now) => LimitSeconds - ElapsedSeconds(now);

    public bool IsOvertime(DateTimeOffset now) => RemainingSeconds(now) < 0;

    internal void Start(DateTimeOffset now)
    {
        if (IsRunning) throw new MeetingRuleException("Đồng hồ đang chạy.");
        RunningSince = now;
    }

    internal void Pause(DateTimeOffset now)
    {
        if (!IsRunning) throw new MeetingRuleException("Đồng hồ chưa chạy.");
        SecondsBeforeRun = ElapsedSeconds(now);
        RunningSince = null;
    }

    internal void Extend(int seconds) => LimitSeconds += seconds;

    internal int Stop(DateTimeOffset now)
    {
        var used = ElapsedSeconds(now);
        SecondsBeforeRun = used;
        RunningSince = null;
        return used;
    }
}

/// <summary>Formats seconds as m:ss, with a minus sign in overtime.</summary>
public static class Clock
{
    public static string Format(int seconds)
    {
        var sign = seconds < 0 ? "-" : "";
        var abs = Math.Abs(seconds);
        return $"{sign}{abs / 60}:{abs % 60:00}";
    }

    /// <summary>
    /// A turn's clock as every seat shows it: "2:10" while time is left, "+0:15" past the limit — the same sign on the
    /// chair's tablet, the secretary's laptop and the projector (time over is added, not owed).
    /// </summary>
    public static string Countdown(int remainingSeconds) => remainingSeconds < 0 ? "+" + Format(-remainingSeconds) : Format(remainingSeconds);

    /// <summary>Vietnam keeps UTC+7 all year; every time shown in the hall is in it.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToHallTime(DateTimeOffset instant) => instant.ToOffset(VietnamOffset);
}
