using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.Web;

/// <summary>
/// Where a start's seconds go, from the process's own start (runtime included) to listening: printed with the banner,
/// so a restart in the middle of a meeting that grows slow shows which part grew.
/// </summary>
public sealed class StartupClock
{
    private readonly DateTime _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<(string Phase, TimeSpan At)> _marks = [];

    public void Mark(string phase) => _marks.Add((phase, DateTime.UtcNow - _processStart));

    public TimeSpan Total => _marks.Count == 0 ? TimeSpan.Zero : _marks[^1].At;

    /// <summary>"Khởi động 2,3 s: khởi chạy 0,6 s · cơ sở dữ liệu 0,9 s · lắng nghe 0,8 s" (from the process start: a build run.sh made first counts in the first part).</summary>
    public string Summary()
    {
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var parts = new List<string>();
        var previous = TimeSpan.Zero;
        foreach (var (phase, at) in _marks)
        {
            parts.Add($"{phase} {(at - previous).TotalSeconds.ToString("0.0", vi)} s");
            previous = at;
        }
        return $"Khởi động {Total.TotalSeconds.ToString("0.0", vi)} s: {string.Join(" · ", parts)}";
    }
}
