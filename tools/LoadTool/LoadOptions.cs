namespace DoiThoai.LoadTool;

/// <summary>What one run plays: how many phones, seats and meetings, how fast, and against which limits.</summary>
public sealed record LoadOptions
{
    public string Scenario { get; init; } = "custom";

    /// <summary>Phones in all (spread round-robin over the meetings); each opens the form and a hub connection.</summary>
    public int Phones { get; init; } = 20;

    /// <summary>How many of the phones submit a form (the rest only stay connected); null: all of them.</summary>
    public int? Submitters { get; init; }

    /// <summary>The window over which submissions are spread evenly.</summary>
    public double Seconds { get; init; } = 2;

    /// <summary>Staff seats per meeting (each signs in and follows the meeting over the hub).</summary>
    public int StaffPerMeeting { get; init; } = 2;

    public int Meetings { get; init; } = 1;

    /// <summary>Phone limits given to the app; null keeps the app's own defaults.</summary>
    public int? PerDevicePerMinute { get; init; }
    public int? PerMeetingPerMinute { get; init; }

    /// <summary>Extra app settings (key=value), e.g. for limits the app may add later.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Run the bare SignalR floor too (same phones and seats) and print the ratio.</summary>
    public bool Floor { get; init; } = true;

    /// <summary>Run the app (DoiThoai) target; off only to look at the floor alone.</summary>
    public bool App { get; init; } = true;

    /// <summary>How long to wait after the last submission for every seat to see every accepted one.</summary>
    public double DrainSeconds { get; init; } = 30;

    /// <summary>Upper bound of a whole target run (setup, burst, drain); the run is abandoned past it.</summary>
    public double MaxRunSeconds { get; init; } = 600;

    /// <summary>Submissions in each of the two warm-up rounds (4 at a time) before the burst, not counted, so the burst meets a running server.</summary>
    public int WarmupSubmissions { get; init; } = 100;

    /// <summary>
    /// Before any target is measured, the tool plays a short burst against a floor of its own and throws the figures
    /// away: its own code (phones, seats, parsing) then runs compiled for speed in both measured runs. Without it the
    /// app, measured first, met the tool's JIT in its burst's first seconds and the floor a warm tool.
    /// </summary>
    public bool ToolWarmup { get; init; } = true;

    /// <summary>
    /// Holds the tool's own GC off during each burst (a no-GC region), so that a pause of the tool never sends a clump
    /// of phones at once. The command line turns it on (`--tool-gc` leaves it off); in-process callers (the smoke test,
    /// whose process runs other tests) leave it off.
    /// </summary>
    public bool HoldToolGc { get; init; }

    /// <summary>Concurrent form opens / hub connects while setting up.</summary>
    public int SetupConcurrency { get; init; } = 32;

    /// <summary>Path of Meeting.Web.dll; null: the solution's own build output (same configuration as the tool).</summary>
    public string? AppDll { get; init; }

    /// <summary>Folder for this run's data and logs; null: runs/ under the tool's output folder.</summary>
    public string? WorkDirectory { get; init; }

    public string? JsonFile { get; init; }

    /// <summary>`seats` scenario: chair pages opened in headless Chromium (after one warm page) to measure heap per seat.</summary>
    public int SeatPages { get; init; } = 20;

    /// <summary>`seats` scenario: heap samples (each after an induced full GC) taken before and after; the median is kept.</summary>
    public int HeapSamples { get; init; } = 3;

    /// <summary>`commands` scenario: approvals timed at each size (one more is timed apart); each joins the speaking queue.</summary>
    public int ApprovalsPerSize { get; init; } = 20;

    /// <summary>`seats` scenario: seconds to keep the pages open after sampling (to take a heap dump by hand).</summary>
    public double HoldSeconds { get; init; }
    /// <summary>Seconds to keep every connection open after the drain (to look at what the burst left on the server's heap).</summary>
    public double HoldAfterSeconds { get; init; }

    /// <summary>
    /// `seats` scenario: pause before each sample, past Kestrel's keep-alive (130 s), so the figure is what an open seat
    /// holds for the hours of a meeting (its circuit and WebSocket), not the idle connections its page load leaves for
    /// two minutes (~6 per page, ~7 KB each). "--seat-idle S" shortens it for a quick look.
    /// </summary>
    public TimeSpan SeatIdle { get; init; } = TimeSpan.FromSeconds(135);

    /// <summary>
    /// App nodes (default 1, on SQLite). More than one: every node on one fresh PostgreSQL database and one Redis
    /// (<see cref="Postgres"/>, <see cref="Redis"/>); phones and seats are spread round-robin over the nodes.
    /// </summary>
    public int Nodes { get; init; } = 1;

    /// <summary>A PostgreSQL connection string for a role that may create databases (default: $DOITHOAI_TEST_POSTGRES).</summary>
    public string? Postgres { get; init; }

    /// <summary>Redis for the nodes (default: $DOITHOAI_TEST_REDIS).</summary>
    public string? Redis { get; init; }

    public int SubmitterCount => Math.Clamp(Submitters ?? Phones, 0, Phones);

    /// <summary>The named scenarios of the issue; the numbers can be overridden on the command line.</summary>
    public static LoadOptions ForScenario(string name) => name switch
    {
        // Tight enough for CI: 20 phones, 2 seats, 2 seconds, limits raised so nothing is refused.
        "smoke" => new() { Scenario = name, Phones = 20, Seconds = 2, StaffPerMeeting = 2, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000, DrainSeconds = 20, MaxRunSeconds = 180 },
        "200x60" => new() { Scenario = name, Phones = 200, Seconds = 60, StaffPerMeeting = 4, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000 },
        // The app's default limits (6 per device, 300 per meeting per minute): 300 in 10 s just fits.
        "300x10" => new() { Scenario = name, Phones = 300, Seconds = 10, StaffPerMeeting = 4 },
        "2000x10" => new() { Scenario = name, Phones = 2000, Seconds = 10, StaffPerMeeting = 4, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000, DrainSeconds = 60 },
        "20x200" => new() { Scenario = name, Phones = 4000, Meetings = 20, Seconds = 60, StaffPerMeeting = 2, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000, DrainSeconds = 60 },
        // 4,000 phones connected to one node; 200 of them submit, so the broadcasts reach 4,000 listeners.
        "4000conn" => new() { Scenario = name, Phones = 4000, Submitters = 200, Seconds = 20, StaffPerMeeting = 4, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000, DrainSeconds = 60 },
        // Memory per open staff seat (SeatMemory.cs): 500 requests through the phone path, then 20 chair pages in Chromium.
        "seats" => new() { Scenario = name, Phones = 500, Meetings = 1, StaffPerMeeting = 0, PerDevicePerMinute = 1000, PerMeetingPerMinute = 100_000, Floor = false, MaxRunSeconds = 900 },
        // A staff command's cost as the meeting fills to 4,000 requests (CommandCost.cs): the writer alone, in process.
        "commands" => new() { Scenario = name, Phones = 4000, Floor = false },
        _ => throw new ArgumentException($"Unknown scenario '{name}' (smoke, 200x60, 300x10, 2000x10, 20x200, 4000conn, seats, commands)."),
    };

    public static readonly string[] ScenarioNames = ["smoke", "200x60", "300x10", "2000x10", "20x200", "4000conn", "seats", "commands"];
}
