using System.Globalization;

namespace DoiThoai.LoadTool;

/// <summary>
/// LoadTool [--scenario NAME] [--phones N] [--submitters N] [--seconds S] [--staff M] [--meetings K]
///          [--per-device N] [--per-meeting N] [--set Key=Value]… [--no-floor] [--no-app] [--drain S] [--json FILE]
///          [--app-dll PATH] [--work DIR] [--seats K] [--heap-samples N] [--seat-idle S]
/// LoadTool floor --urls http://127.0.0.1:PORT [--meetings K]   (the bare SignalR app the runs compare against)
/// </summary>
public static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "floor")
                return await FloorApp.RunAsync(Value(args, "--urls") ?? throw new ArgumentException("floor needs --urls http://127.0.0.1:PORT"),
                    int.Parse(Value(args, "--meetings") ?? "1", CultureInfo.InvariantCulture));
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(Usage);
                return 0;
            }
            var options = Parse(args);
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            if (options.Scenario == "seats")
            {
                var seats = await SeatMemory.RunAsync(options, Console.Out, cancel.Token);
                Console.WriteLine();
                Console.WriteLine(seats.Table());
                if (options.JsonFile is { } seatsJson)
                    await File.WriteAllTextAsync(seatsJson, System.Text.Json.JsonSerializer.Serialize(seats, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return seats.Passed ? 0 : 1;
            }
            if (options.Scenario == "commands")
            {
                Console.WriteLine();
                Console.WriteLine(CommandCost.Table(await CommandCost.RunAsync(options, Console.Out, cancel.Token), options.ApprovalsPerSize));
                return 0;
            }
            var report = await LoadRun.RunAsync(options, Console.Out, cancel.Token);
            Console.WriteLine();
            Console.WriteLine(Report.Table(report));
            if (options.JsonFile is { } json) await File.WriteAllTextAsync(json, Report.Json(report));
            return report.Passed ? 0 : 1;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    public const string Usage = """
        LoadTool [--scenario smoke|200x60|300x10|2000x10|20x200|4000conn|seats|commands] [--phones N] [--submitters N] [--seconds S]
                 [--staff M (per meeting)] [--meetings K] [--per-device N] [--per-meeting N] [--default-limits]
                 [--set Key=Value]... [--no-floor] [--no-app] [--no-tool-warmup] [--drain S] [--json FILE] [--app-dll PATH] [--work DIR]
                 [--nodes N [--postgres CONNECTION] [--redis HOST:PORT]]   (N app nodes on one new PostgreSQL database and
                 one Redis; default $DOITHOAI_TEST_POSTGRES / $DOITHOAI_TEST_REDIS, which scripts/test-servers.sh prints)
                 [--seats K] [--heap-samples N] [--hold S] [--seat-idle S]   (scenario seats: K chair pages; --phones N = requests
                 submitted first; --hold S keeps them (or, in the other scenarios, the phones' connections) open S seconds after
                 sampling, e.g. for dotnet-gcdump; --seat-idle S:
                 idle before each sample, default 135, past Kestrel's keep-alive)
                 [--approvals N]   (scenario commands: approvals timed at each size, default 20; the queue grows by N + 1 per size)
        LoadTool floor --urls http://127.0.0.1:PORT [--meetings K]
        """;

    public static LoadOptions Parse(string[] args)
    {
        var known = new HashSet<string>(["--scenario", "--phones", "--submitters", "--seconds", "--staff", "--meetings", "--per-device",
            "--per-meeting", "--set", "--drain", "--json", "--app-dll", "--work", "--max-seconds",
            "--seats", "--heap-samples", "--hold", "--hold-after", "--seat-idle", "--warmup", "--approvals", "--nodes", "--postgres", "--redis"]);
        var flags = new HashSet<string>(["--no-floor", "--no-app", "--default-limits", "--no-tool-warmup"]);
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i])) continue;
            if (!known.Contains(args[i]) || i + 1 >= args.Length) throw new ArgumentException($"Unknown or incomplete option '{args[i]}'.");
            i++;
        }
        var o = LoadOptions.ForScenario(Value(args, "--scenario") ?? "smoke");
        int? Int(string name) => Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        double? Dbl(string name) => Value(args, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;
        var settings = new Dictionary<string, string>(o.AppSettings);
        for (var i = 0; i < args.Length - 1; i++)
            if (args[i] == "--set")
            {
                var parts = args[i + 1].Split('=', 2);
                if (parts.Length != 2) throw new ArgumentException($"--set takes Key=Value, got '{args[i + 1]}'.");
                settings[parts[0]] = parts[1];
            }
        var defaults = args.Contains("--default-limits");
        return o with
        {
            Phones = Int("--phones") ?? o.Phones,
            Submitters = Int("--submitters") ?? o.Submitters,
            Seconds = Dbl("--seconds") ?? o.Seconds,
            StaffPerMeeting = Int("--staff") ?? o.StaffPerMeeting,
            Meetings = Int("--meetings") ?? o.Meetings,
            PerDevicePerMinute = defaults ? null : Int("--per-device") ?? o.PerDevicePerMinute,
            PerMeetingPerMinute = defaults ? null : Int("--per-meeting") ?? o.PerMeetingPerMinute,
            AppSettings = settings,
            Floor = !args.Contains("--no-floor"),
            App = !args.Contains("--no-app"),
            ToolWarmup = !args.Contains("--no-tool-warmup"),
            HoldToolGc = !args.Contains("--tool-gc"),
            DrainSeconds = Dbl("--drain") ?? o.DrainSeconds,
            MaxRunSeconds = Dbl("--max-seconds") ?? o.MaxRunSeconds,
            JsonFile = Value(args, "--json"),
            AppDll = Value(args, "--app-dll"),
            WorkDirectory = Value(args, "--work"),
            SeatPages = Int("--seats") ?? o.SeatPages,
            HeapSamples = Int("--heap-samples") ?? o.HeapSamples,
            HoldSeconds = Dbl("--hold") ?? o.HoldSeconds,
            HoldAfterSeconds = Dbl("--hold-after") ?? o.HoldAfterSeconds,
            SeatIdle = Dbl("--seat-idle") is { } idle ? TimeSpan.FromSeconds(idle) : o.SeatIdle,
            WarmupSubmissions = Int("--warmup") ?? o.WarmupSubmissions,
            ApprovalsPerSize = Math.Max(1, Int("--approvals") ?? o.ApprovalsPerSize),
            Nodes = Math.Max(1, Int("--nodes") ?? o.Nodes),
            Postgres = Value(args, "--postgres") ?? Environment.GetEnvironmentVariable("DOITHOAI_TEST_POSTGRES"),
            Redis = Value(args, "--redis") ?? Environment.GetEnvironmentVariable("DOITHOAI_TEST_REDIS"),
        };
    }

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
