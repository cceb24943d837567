using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace DoiThoai.LoadTool;

/// <summary>The figures of one target (the app or the floor) in one run.</summary>
public sealed record TargetResult
{
    public required string Target { get; init; }
    public int Meetings { get; init; }
    public int Phones { get; init; }
    public int Submitters { get; init; }
    public int StaffSeats { get; init; }
    /// <summary>Submissions answered 302 → /s/{token}.</summary>
    public int Accepted { get; init; }
    /// <summary>Submissions refused by a rate limit (429): counted, neither errors nor lost.</summary>
    public int RateLimited { get; init; }
    public int Errors { get; init; }
    public Dictionary<string, string> ErrorKinds { get; init; } = [];
    public SortedDictionary<string, int> HttpStatuses { get; init; } = [];
    /// <summary>Submit → staff seat: from sending the POST to a seat receiving the change naming it, over every (accepted submission, seat of its meeting) pair.</summary>
    public Distribution SubmitToSeatMs { get; init; } = Distribution.Empty;
    /// <summary>Submit → phone: from sending the POST to its status page following its own line live.</summary>
    public Distribution SubmitToPhoneMs { get; init; } = Distribution.Empty;
    /// <summary>POST → its answer (302/429/…).</summary>
    public Distribution PostMs { get; init; } = Distribution.Empty;
    public double AcceptedPerSecond { get; init; }
    public double BurstSeconds { get; init; }
    public double ServerCpuMs { get; init; }
    public double ServerCpuMsPerAccepted { get; init; }
    public long RssBeforePhonesBytes { get; init; }
    public long RssWithPhonesBytes { get; init; }
    public long RssEndBytes { get; init; }
    public double BytesPerConnectedPhone { get; init; }
    /// <summary>Bytes alive on the managed heap (after a full GC) with the phones' hub connections open, less before, per phone.</summary>
    public double? HeapBytesPerConnectedPhone { get; init; }
    /// <summary>Accepted submissions that some seat of their meeting never saw.</summary>
    public int LostOnSeats { get; init; }
    /// <summary>The server's GC pauses over the burst and its drain (null: its diagnostics port did not answer).</summary>
    public double? ServerGcPauseMs { get; init; }
    public double? ServerGcPauseMaxMs { get; init; }
    public int? ServerGcPausesOver50Ms { get; init; }
    /// <summary>The server's runtime stopped for other reasons than a GC (tiered compilation, …).</summary>
    public double? ServerOtherSuspensionMs { get; init; }
    /// <summary>The tool's own GC pauses over the same time: its phones and seats stand still while they last.</summary>
    public double ToolGcPauseMs { get; init; }
    /// <summary>How late the tool sent a submission after its due time, at most: the tool itself stood still (its GC,
    /// its threads busy). Its seats stood still too, so submissions then in flight look slower than the server made them.</summary>
    public double? ToolLateMaxMs { get; init; }
    /// <summary>The slowest 1% of submissions, and which stood in a GC pause of the server or of the tool, or behind a
    /// slow commit.</summary>
    public SlowestPercent? Slowest { get; init; }
    /// <summary>The app's slowest commit in the burst, and how many took <see cref="SlowestPercent.SlowCommitMs"/> or more
    /// (null for the floor, which stores nothing).</summary>
    public double? ServerCommitMaxMs { get; init; }
    public int? ServerSlowCommits { get; init; }
    public int DuplicateDeliveries { get; init; }
    /// <summary>From the app's database after the run (null for the floor, which stores nothing).</summary>
    public int? StoredRequests { get; init; }
    public int? LostInStore { get; init; }
    public int? DuplicatesInStore { get; init; }
    public long PhoneMessages { get; init; }
    /// <summary>Accepted submissions whose status page never followed its line (reported, not failed).</summary>
    public long PhoneMisses { get; init; }
    public int ServerErrorLogLines { get; init; }

    /// <summary>What CI holds a run to: no errors, nothing lost, nothing stored twice.</summary>
    public bool Passed => Errors == 0 && LostOnSeats == 0 && (LostInStore ?? 0) == 0 && (DuplicatesInStore ?? 0) == 0;
}

public sealed record RunReport(LoadOptions Options, string Commit, DateTimeOffset StartedAt, IReadOnlyList<TargetResult> Targets)
{
    /// <summary>The machine's 1-minute load average before and after the run: figures from a busy machine are not comparable.</summary>
    public string LoadAverage { get; init; } = "";

    public bool Passed => Targets.All(t => t.Passed);
}

/// <summary>
/// The load run: for each target (the app, then the floor) start the server as a child process, connect the staff seats
/// and the phones, spread the submissions evenly over the window, wait for every seat to see every accepted one, and
/// measure. All traffic goes to 127.0.0.1; every wait is bounded.
/// </summary>
public static class LoadRun
{
    public static async Task<RunReport> RunAsync(LoadOptions options, TextWriter? progress = null, CancellationToken ct = default)
    {
        if (options.Phones < 1 || options.Meetings < 1 || options.StaffPerMeeting < 0 || options.Seconds < 0)
            throw new ArgumentException("Phones and meetings must be at least 1; staff and seconds not negative.");
        var log = progress ?? TextWriter.Null;
        var started = DateTimeOffset.Now;
        var loadBefore = LoadAverage();
        var work = options.WorkDirectory ?? Path.Combine(AppContext.BaseDirectory, "runs", $"{started:yyyyMMdd-HHmmss}-{options.Scenario}");
        Directory.CreateDirectory(work);
        var results = new List<TargetResult>();
        if (options.ToolWarmup && (options.App || options.Floor))
        {
            log.WriteLine($"[{options.Scenario}] warming the tool on a short run against a floor of its own (not measured)…");
            var warmWork = Directory.CreateDirectory(Path.Combine(work, "tool-warmup")).FullName;
            var warm = options with
            {
                Phones = Math.Min(options.Phones, 500), Submitters = null, Seconds = Math.Min(options.Seconds, 2.5),
                HoldSeconds = 0, HoldAfterSeconds = 0, DrainSeconds = Math.Min(options.DrainSeconds, 20),
            };
            await RunTargetAsync(warm, warmWork, TextWriter.Null, ct, c => Targets.StartFloorAsync(warm, warmWork, c));
        }
        if (options.App)
        {
            log.WriteLine($"[{options.Scenario}] DoiThoai: preparing data and starting the app ({Targets.AppDll(options)})…");
            results.Add(await RunTargetAsync(options, work, log, ct, c => Targets.StartAppAsync(options, work, c)));
        }
        if (options.Floor)
        {
            log.WriteLine($"[{options.Scenario}] floor: starting the bare SignalR app…");
            results.Add(await RunTargetAsync(options, work, log, ct, c => Targets.StartFloorAsync(options, work, c)));
        }
        log.WriteLine($"[{options.Scenario}] logs and data: {work}");
        return new RunReport(options, GitCommit(), started, results) { LoadAverage = $"{loadBefore} → {LoadAverage()}" };
    }

    /// <summary>
    /// Holds the tool's own GC off for the burst (a no-GC region of 1 GB, or as much of it as the runtime grants).
    /// False when none was granted; a region that ran out ends by itself with a collection, which the tool's pause
    /// figures then show.
    /// </summary>
    private static bool ToolGcHeldOff()
    {
        EndToolGcHold();
        foreach (var megabytes in new long[] { 1024, 512, 256 })
        {
            try
            {
                if (GC.TryStartNoGCRegion(megabytes * 1024 * 1024)) return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                // Larger than this runtime's region allows: try a smaller one.
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
        return false;
    }

    private static void EndToolGcHold()
    {
        if (System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The region ran out during the burst (a collection happened): it has ended already.
        }
    }

    /// <summary>
    /// Waits until the server's processes used under 5% of a core over a quarter second (at most 15 s): the optimized
    /// recompilation the warm-up started runs in the background. Returns the seconds waited.
    /// </summary>
    private static async Task<double> WaitForQuietAsync(Target target, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var before = target.Nodes.Sum(n => n.CpuMilliseconds());
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250, ct);
            var now = target.Nodes.Sum(n => n.CpuMilliseconds());
            if (now - before < 12.5) break;
            before = now;
        }
        return waited.Elapsed.TotalSeconds;
    }

    /// <summary>Runs the system's <c>sync</c> (every file system's unwritten data to the disk); returns its milliseconds.</summary>
    private static double SyncDisk()
    {
        var took = Stopwatch.StartNew();
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        sync?.WaitForExit();
        return took.Elapsed.TotalMilliseconds;
    }

    private static async Task<long?> HeapOrNullAsync(int pid, CancellationToken ct)
    {
        try { return await ManagedHeap.LiveAfterFullGcAsync(pid, TimeSpan.FromSeconds(30), ct); }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or DiagnosticsClientException) { return null; }
    }

    private static async Task<TargetResult> RunTargetAsync(LoadOptions options, string work, TextWriter log, CancellationToken outer,
        Func<CancellationToken, Task<Target>> start)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(outer);
        limit.CancelAfter(TimeSpan.FromSeconds(options.MaxRunSeconds));
        var ct = limit.Token;
        await using var target = await start(ct);
        var server = target.Server;
        var errors = new ErrorLog();
        var statuses = new StatusCounts();
        var seats = new List<Seat>();
        var phones = new List<Phone>();
        var meetings = target.Meetings;
        try
        {
            for (var m = 0; m < meetings.Count; m++)
                for (var s = 0; s < options.StaffPerMeeting; s++)
                    seats.Add(new Seat(m, Targets.StaffAccounts[s % Targets.StaffAccounts.Length], options.Phones) { Node = seats.Count });
            await Parallel.ForEachAsync(seats, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (seat, c) =>
                {
                    try { await seat.ConnectAsync(target, errors, c); }
                    catch (Exception ex) when (!c.IsCancellationRequested) { errors.Add("staff seat", ex.Message); }
                });
            log.WriteLine($"  {target.Name}: {seats.Count} staff seats following {meetings.Count} meeting(s)");

            // Warm-up: the hall has been running before the QR goes up. Submissions to a meeting of their own, followed
            // by one seat, each phone on the whole path (form, hub, POST, status page, its own line), so the burst
            // measures a running server — not tiered compilation's first hundred calls — and no limit is used up.
            // Two rounds: the runtime starts counting a method's calls only after 100 ms in which nothing new was
            // compiled, and recompiles it optimized after 30 counted calls. One continuous round never gave it that
            // pause, so every hot method was still uncounted when the burst began and its first 2 s recompiled
            // 1,000-3,000 of them (`<target>-jit.csv`). The second round is counted; then the tool waits for the
            // server to go quiet, the recompilation done.
            var warmStatuses = new StatusCounts();
            var warmSeat = new Seat(-1, Targets.StaffAccounts[0], options.Phones);
            if (options.WarmupSubmissions > 0) await warmSeat.ConnectAsync(target, errors, ct);
            for (var round = 0; round < (options.WarmupSubmissions > 0 ? 2 : 0); round++)
            {
                var first = options.Phones + round * options.WarmupSubmissions;
                await Parallel.ForEachAsync(Enumerable.Range(first, options.WarmupSubmissions), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                    async (w, c) =>
                    {
                        var warm = new Phone(w, -1, target.AddressFor(w));
                        await warm.OpenFormAsync(target.WarmupMeeting.Code, warmStatuses, errors, c);
                        await warm.ConnectAsync(errors, c);
                        await warm.SubmitAsync(target.WarmupMeeting.Code, warmStatuses, errors, c);
                        await warm.StopAsync();
                    });
                await Task.Delay(500, ct);
            }
            await warmSeat.StopAsync();
            if (options.WarmupSubmissions > 0)
                log.WriteLine($"  {target.Name}: warm-up of 2 × {options.WarmupSubmissions} submissions; server quiet after {await WaitForQuietAsync(target, ct):0.0} s");

            for (var i = 0; i < options.Phones; i++) phones.Add(new Phone(i, i % meetings.Count, target.AddressFor(i)));
            var setup = new ParallelOptions { MaxDegreeOfParallelism = options.SetupConcurrency, CancellationToken = ct };
            await Parallel.ForEachAsync(phones, setup, async (p, c) => await p.OpenFormAsync(meetings[p.Meeting].Code, statuses, errors, c));
            await Task.Delay(1000, ct);
            var rssBefore = server.ResidentBytes();
            var heapBefore = await HeapOrNullAsync(server.Pid, ct);
            await Parallel.ForEachAsync(phones, setup, async (p, c) => await p.ConnectAsync(errors, c));
            await Task.Delay(2000, ct);
            var rssWith = server.ResidentBytes();
            // After a full GC each (as the seats scenario does), so the figure does not depend on where the GC's budget
            // stood; the burst then starts on a collected heap, in the app and the floor alike.
            var heapWith = await HeapOrNullAsync(server.Pid, ct);
            // A full GC moves what was young only one generation up: the phones' connections, just made, then sat in gen 1
            // and the burst's first gen-1 collection copied them (8-9 MB, 22-30 ms in the app; 20 MB, 49 ms with no full
            // GC at all). A second full GC settles them in gen 2, so both targets' bursts start from the same settled heap
            // (a hall's phones connect over a minute, their state promoted along the way).
            await HeapOrNullAsync(server.Pid, ct);
            if (options.HoldSeconds > 0)
            {
                log.WriteLine($"  {target.Name}: holding the phones' connections {options.HoldSeconds:0} s (server pid {server.Pid})…");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), ct);
            }
            log.WriteLine($"  {target.Name}: {phones.Count} phones opened the form and connected; submitting {options.SubmitterCount} over {options.Seconds:0.#} s");

            // Whatever was written to the disk without a sync (a build, a copied app, the other target's files) goes out
            // now, not in the app's first commits: the disk's cache flush waits for all of it (a 147 MB copy made 30 s
            // before the burst made the first commit take 72-220 ms). The floor never syncs, so only the app paid.
            var synced = SyncDisk();
            log.WriteLine($"  {target.Name}: the disk synced before the burst in {synced:0} ms");

            // The burst: submitter k posts at start + k × window / submitters.
            var submitters = phones.Take(options.SubmitterCount).ToList();
            // The GC session starts a second before the burst: its own start in the server is not part of what is measured.
            await using var gcPauses = GcPauses.TryStart(server.Pid);
            // The tool's own pauses too: a phone or seat of the tool that stood still is not the server's doing.
            await using var toolGcPauses = GcPauses.TryStart(Environment.ProcessId, allocations: false);
            await Task.Delay(1000, ct);
            var cpuBefore = target.Nodes.Sum(n => n.CpuMilliseconds());
            // The tool must not collect during the burst either: a 20-40 ms pause of its own held every phone due
            // meanwhile, and they were then sent at once, 5-10 together — a clump no hall of independent phones makes,
            // and most of the app's slowest 1% in the runs where it happened (runs/…/<target>-tool-gc-pauses.csv).
            // Starting the region collects first, before the burst's clock starts.
            var noGc = options.HoldToolGc && ToolGcHeldOff();
            var toolPauseBefore = GC.GetTotalPauseDuration();
            var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 5;
            var countFrom = DateTime.Now.AddMilliseconds(200);
            gcPauses?.CountFrom(countFrom);
            toolGcPauses?.CountFrom(countFrom);
            var interval = submitters.Count == 0 ? 0 : options.Seconds * Stopwatch.Frequency / submitters.Count;
            // Submitter k is due at start + k × window / submitters.
            long DueAt(int k) => origin + (long)(k * interval);
            await Task.WhenAll(submitters.Select(async (p, k) =>
            {
                var due = DueAt(k);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                await p.SubmitAsync(meetings[p.Meeting].Code, statuses, errors, ct);
            }));
            var accepted = submitters.Where(p => p.Accepted).ToList();

            // Drain: every seat of the meeting must see every accepted submission (bounded).
            var seatsOf = seats.GroupBy(s => s.Meeting).ToDictionary(g => g.Key, g => g.ToList());
            bool AllSeen() => accepted.All(p => !seatsOf.TryGetValue(p.Meeting, out var ss) || ss.All(s => Volatile.Read(ref s.Seen[p.Index]) != 0));
            var drain = Stopwatch.StartNew();
            while (!AllSeen() && drain.Elapsed.TotalSeconds < options.DrainSeconds) await Task.Delay(50, ct);
            var sequenceOf = accepted.ToDictionary(p => p.Index, p => seatsOf.GetValueOrDefault(p.Meeting)?.Select(s => Volatile.Read(ref s.SequenceOf[p.Index])).FirstOrDefault(q => q > 0) ?? 0);
            var lastSequence = accepted.GroupBy(p => p.Meeting).ToDictionary(g => g.Key, g => g.Max(p => sequenceOf[p.Index]));
            var cpuAfter = target.Nodes.Sum(n => n.CpuMilliseconds());
            var rssEnd = server.ResidentBytes();
            var serverPauses = gcPauses is null ? null : await gcPauses.StopAsync();
            var commits = gcPauses?.Commits();
            var toolPauses = toolGcPauses is null ? null : await toolGcPauses.StopAsync();
            var toolPause = GC.GetTotalPauseDuration() - toolPauseBefore;
            if (noGc) EndToolGcHold();
            async Task WritePausesAsync(IReadOnlyList<GcPauses.Pause>? pauses, string file)
            {
                if (pauses is null) return;
                await File.WriteAllLinesAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-{file}"),
                    new[] { "at_ms,pause_ms,generation,reason,type,promoted_kb," + string.Join(',', GcPauses.Pause.PhaseNames.Select(n => n + "_ms")) }
                        .Concat(pauses.Select(p => string.Join(',', new object[] {
                            p.AtMs.ToString("0.0", CultureInfo.InvariantCulture), p.Milliseconds.ToString("0.00", CultureInfo.InvariantCulture),
                            p.Generation, p.Reason, p.Type, p.PromotedBytes / 1024 }.Concat(GcPauses.Pause.PhaseNames.Select(n =>
                                (object)(p.Phases?.GetValueOrDefault(n) ?? 0).ToString("0.00", CultureInfo.InvariantCulture)))))), CancellationToken.None);
            }
            // The burst's clock (the files' at_ms and sent_ms) in local time, to line the app's own log up with them.
            // Written after the burst: a file made just before it would be one more write for its first commits' fsync.
            await File.WriteAllTextAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-burst-start.txt"),
                countFrom.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + "\n", CancellationToken.None);
            await WritePausesAsync(serverPauses, "gc-pauses.csv");
            await WritePausesAsync(toolPauses, "tool-gc-pauses.csv");
            if (gcPauses is not null)
            {
                await File.WriteAllLinesAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-allocations.csv"),
                    new[] { "type,sampled_bytes" }.Concat(gcPauses.AllocatedByType().Select(a => $"\"{a.Type}\",{a.Bytes}")), CancellationToken.None);
                await File.WriteAllLinesAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-commits.csv"),
                    new[] { "at_ms,commands,ms,disk_ms" }.Concat(gcPauses.Commits().Select(c => string.Join(',', c.AtMs.ToString("0.0", CultureInfo.InvariantCulture),
                        c.Commands, c.Milliseconds.ToString("0.00", CultureInfo.InvariantCulture), c.DiskMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)))),
                    CancellationToken.None);
                await File.WriteAllLinesAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-jit.csv"),
                    new[] { "at_ms,tier,method" }.Concat(gcPauses.Compilations().Select(c =>
                        $"{c.AtMs.ToString("0.0", CultureInfo.InvariantCulture)},{c.Tier},\"{c.Method.Replace("\"", "'")}\"")), CancellationToken.None);
            }

            // Figures.
            static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            var seatLatencies = new List<double>();
            var lostOnSeats = 0;
            foreach (var p in accepted)
            {
                var lost = false;
                foreach (var seat in seatsOf.GetValueOrDefault(p.Meeting) ?? [])
                {
                    var seen = Volatile.Read(ref seat.Seen[p.Index]);
                    if (seen == 0) lost = true;
                    else seatLatencies.Add(Ms(seen - p.SentAt));
                }
                if (lost) lostOnSeats++;
            }
            // Submit → phone: until the status page follows its own line (it reads its line then, and hears when it changes).
            var phoneLatencies = accepted.Where(p => p.FollowingAt > 0).Select(p => Ms(p.FollowingAt - p.SentAt)).ToList();
            long phoneMisses = accepted.Count(p => p.FollowingAt == 0);
            // One line per submission, for looking at the burst over time (where the slow ones fall).
            await File.WriteAllLinesAsync(Path.Combine(work, $"{target.Name.ToLowerInvariant()}-submissions.csv"),
                new[] { "index,sent_ms,answer_ms,slowest_seat_ms" }
                .Concat(submitters.Select(p => string.Join(',', p.Index, Ms(p.SentAt - origin).ToString("0.0", CultureInfo.InvariantCulture),
                    p.AnsweredAt == 0 ? "" : Ms(p.AnsweredAt - p.SentAt).ToString("0.0", CultureInfo.InvariantCulture),
                    SlowestSeatMs(p)?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""))),
                CancellationToken.None);
            // Until the last of the meeting's seats heard it; null when one never did.
            double? SlowestSeatMs(Phone p)
            {
                var heard = (seatsOf.GetValueOrDefault(p.Meeting) ?? []).Select(s => Volatile.Read(ref s.Seen[p.Index])).ToList();
                return heard.Count == 0 || heard.Contains(0) ? null : Ms(heard.Max() - p.SentAt);
            }
            var slowest = SlowestPercent.Explain(submitters.Select(p => (Ms(p.SentAt - origin), SlowestSeatMs(p))).Where(s => s.Item2 is not null)
                .Select(s => (s.Item1, s.Item2!.Value)).ToList(), serverPauses, toolPauses, commits);
            var answered = submitters.Where(p => p.AnsweredAt > 0).ToList();
            var postLatencies = answered.Select(p => Ms(p.AnsweredAt - p.SentAt)).ToList();
            var burstSeconds = answered.Count == 0 ? 0 : Ms(answered.Max(p => p.AnsweredAt) - answered.Min(p => p.SentAt)) / 1000;
            var statusSnapshot = statuses.Snapshot();
            if (options.HoldAfterSeconds > 0)
            {
                log.WriteLine($"  {target.Name}: holding every connection {options.HoldAfterSeconds:0} s after the burst (server pid {server.Pid})…");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldAfterSeconds), ct);
            }

            log.WriteLine($"  {target.Name}: closing connections…");
            await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.StopAsync());
            foreach (var seat in seats) await seat.StopAsync();
            var store = target.CheckStore is null ? null : await target.CheckStore(accepted.Select(p => p.Index).ToList(), options.Phones);
            if (target.Nodes.Any(n => n.HasExited)) errors.Add("server", "a server process exited during the run");

            return new TargetResult
            {
                Target = target.Name,
                Meetings = meetings.Count,
                Phones = phones.Count,
                Submitters = submitters.Count,
                StaffSeats = seats.Count,
                Accepted = accepted.Count,
                RateLimited = statusSnapshot.GetValueOrDefault("POST /m/{code}/gui 429"),
                Errors = errors.Total,
                ErrorKinds = errors.Summary(),
                HttpStatuses = statusSnapshot,
                SubmitToSeatMs = Distribution.Of(seatLatencies),
                SubmitToPhoneMs = Distribution.Of(phoneLatencies),
                PostMs = Distribution.Of(postLatencies),
                AcceptedPerSecond = burstSeconds > 0 ? accepted.Count / burstSeconds : 0,
                BurstSeconds = burstSeconds,
                ServerCpuMs = cpuAfter - cpuBefore,
                ServerCpuMsPerAccepted = accepted.Count > 0 ? (cpuAfter - cpuBefore) / accepted.Count : double.NaN,
                RssBeforePhonesBytes = rssBefore,
                RssWithPhonesBytes = rssWith,
                RssEndBytes = rssEnd,
                BytesPerConnectedPhone = (double)(rssWith - rssBefore) / phones.Count,
                HeapBytesPerConnectedPhone = heapBefore is { } b && heapWith is { } a && phones.Count > 0 ? (double)(a - b) / phones.Count : null,
                LostOnSeats = lostOnSeats,
                DuplicateDeliveries = seats.Sum(s => s.DuplicateDeliveries),
                StoredRequests = store?.Stored,
                LostInStore = store?.Missing,
                DuplicatesInStore = store?.Duplicates,
                PhoneMessages = phones.Sum(p => (long)p.Messages),
                PhoneMisses = phoneMisses,
                ServerGcPauseMs = serverPauses?.Where(p => p.ForGc).Sum(p => p.Milliseconds),
                ServerGcPauseMaxMs = serverPauses is null ? null : serverPauses.Where(p => p.ForGc).Select(p => p.Milliseconds).DefaultIfEmpty(0).Max(),
                ServerGcPausesOver50Ms = serverPauses?.Count(p => p.ForGc && p.Milliseconds > 50),
                ServerOtherSuspensionMs = serverPauses?.Where(p => !p.ForGc).Sum(p => p.Milliseconds),
                ToolGcPauseMs = toolPause.TotalMilliseconds,
                ToolLateMaxMs = submitters.Count == 0 ? null : submitters.Select((p, k) => p.SentAt == 0 ? 0 : Ms(p.SentAt - DueAt(k))).Max(),
                Slowest = slowest,
                ServerCommitMaxMs = commits is null or [] ? null : commits.Max(c => c.Milliseconds),
                ServerSlowCommits = commits is null or [] ? null : commits.Count(c => c.Milliseconds >= SlowestPercent.SlowCommitMs),
                ServerErrorLogLines = target.Nodes.Sum(n => n.ErrorLines),
            };
        }
        finally
        {
            // Whatever happened above, no connection outlives the run (StopAsync is idempotent enough: disposal twice is harmless).
            foreach (var p in phones) { try { await p.StopAsync(); } catch (Exception) { } }
            foreach (var s in seats) { try { await s.StopAsync(); } catch (Exception) { } }
        }
    }

    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?"; }
        catch (IOException) { return "?"; }
    }

    /// <summary>The commit measured, for the README's figures ("unknown" outside a git work tree).</summary>
    public static string GitCommit()
    {
        try
        {
            // A copy built from `git archive` has no .git: its builder names the commit.
            if (Environment.GetEnvironmentVariable("LOADTOOL_COMMIT") is { Length: > 0 } named) return named;
            var root = Targets.RepositoryRoot();
            if (root is null || !Directory.Exists(Path.Combine(root, ".git"))) return "unknown";
            var info = new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short=12", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info)!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit(5000);
            var dirty = new ProcessStartInfo("git", ["-C", root, "status", "--porcelain", "--", "src"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var status = Process.Start(dirty)!;
            var changes = status.StandardOutput.ReadToEnd().Trim();
            status.WaitForExit(5000);
            return commit.Length == 0 ? "unknown" : changes.Length > 0 ? commit + " (+ uncommitted changes under src/)" : commit;
        }
        catch (Exception) { return "unknown"; }
    }
}
