namespace DoiThoai.Web.Tests.Integration;

public sealed class StartupClockTests
{
    [Fact]
    public void The_start_up_line_gives_each_phase_its_own_seconds_in_Vietnamese_figures()
    {
        var clock = new StartupClock();
        clock.Mark("khởi chạy");
        Thread.Sleep(120);
        clock.Mark("cơ sở dữ liệu");
        clock.Mark("lắng nghe");

        var line = clock.Summary();

        Assert.StartsWith("Khởi động ", line);
        Assert.Matches(@"^Khởi động \d+,\d s: khởi chạy \d+,\d s · cơ sở dữ liệu \d+,\d s · lắng nghe \d+,\d s$", line);
        // The phases are the gaps between marks, so they add up to the total; the database phase got the sleep.
        var database = double.Parse(System.Text.RegularExpressions.Regex.Match(line, @"cơ sở dữ liệu (\d+,\d)").Groups[1].Value.Replace(',', '.'),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(database, 0.1, 60);
        Assert.True(clock.Total > TimeSpan.Zero);
    }
}
