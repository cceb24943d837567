using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Playwright;

namespace DoiThoai.LoadTool;

/// <summary>The figures of one `seats` run: the server's managed heap and RSS before and after K chair pages opened.</summary>
public sealed record SeatMemoryReport
{
    public required string AppDll { get; init; }
    public required string Commit { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string LoadAverage { get; init; } = "";
    public int RequestsOffered { get; init; }
    public int RequestsAccepted { get; init; }
    public int Seats { get; init; }
    public int SeatsInteractive { get; init; }
    /// <summary>Managed heap (sum of the generations after a full blocking GC), median of the samples.</summary>
    public long HeapBeforeBytes { get; init; }
    public long HeapAfterBytes { get; init; }
    public IReadOnlyList<ManagedHeap.HeapReading> HeapBeforeSamples { get; init; } = [];
    public IReadOnlyList<ManagedHeap.HeapReading> HeapAfterSamples { get; init; } = [];
    public long RssBeforeBytes { get; init; }
    public long RssAfterBytes { get; init; }
    public int Errors { get; init; }
    public Dictionary<string, string> ErrorKinds { get; init; } = [];
    public int ServerErrorLogLines { get; init; }

    public double HeapKbPerSeat => Seats == 0 ? double.NaN : (HeapAfterBytes - HeapBeforeBytes) / 1024.0 / Seats;
    public double RssKbPerSeat => Seats == 0 ? double.NaN : (RssAfterBytes - RssBeforeBytes) / 1024.0 / Seats;
    public bool Passed => Errors == 0 && SeatsInteractive == Seats;

    public string Table()
    {
        static string Mb(long b) => (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        static string Kb(double k) => double.IsNaN(k) ? "—" : k.ToString("0.0", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"Scenario seats: {Seats} chair page(s) opened in headless Chromium on a meeting of {RequestsAccepted} requests "
            + $"(of {RequestsOffered} submitted), after one warm chair page; app {AppDll}; commit {Commit}; "
            + $"{StartedAt:yyyy-MM-dd HH:mm}; {Environment.ProcessorCount} cores, load average {LoadAverage}");
        sb.AppendLine($"{"metric",-34} | {"value",12}");
        sb.AppendLine($"{new string('-', 34)}-|-{new string('-', 12)}");
        sb.AppendLine($"{"managed heap before (MB)",-34} | {Mb(HeapBeforeBytes),12}");
        sb.AppendLine($"{"managed heap after (MB)",-34} | {Mb(HeapAfterBytes),12}");
        sb.AppendLine($"{"KB managed heap / open seat",-34} | {Kb(HeapKbPerSeat),12}");
        sb.AppendLine($"{"RSS before (MB)",-34} | {Mb(RssBeforeBytes),12}");
        sb.AppendLine($"{"RSS after (MB)",-34} | {Mb(RssAfterBytes),12}");
        sb.AppendLine($"{"KB RSS / open seat",-34} | {Kb(RssKbPerSeat),12}");
        sb.AppendLine($"{"seats interactive",-34} | {SeatsInteractive,12}");
        sb.AppendLine($"{"errors",-34} | {Errors,12}");
        sb.AppendLine($"{"server error log lines",-34} | {ServerErrorLogLines,12}");
        static string Sample(ManagedHeap.HeapReading r) =>
            $"{Mb(r.Total)} (gen0/1/2/LOH/POH {string.Join("/", r.Generations.Select(Mb))})";
        sb.AppendLine("heap samples before (MB): " + string.Join("; ", HeapBeforeSamples.Select(Sample)));
        sb.AppendLine("heap samples after (MB): " + string.Join("; ", HeapAfterSamples.Select(Sample)));
        foreach (var (kind, sample) in ErrorKinds) sb.AppendLine($"error [{kind}]: {sample}");
        sb.AppendLine(Passed ? "RESULT: every seat interactive, no errors" : "RESULT: FAILED (errors or seats not interactive)");
        return sb.ToString();
    }
}

/// <summary>
/// The `seats` scenario: what one open staff seat (a chair page's Blazor circuit) costs the server in managed heap.
/// Starts the app as the load runs do, fills the meeting with requests through the phone path, opens one chair page
/// (so first-use costs — compiled code, the node's shared copy of the meeting, caches — are paid before measuring),
/// samples the server's heap, opens K more chair pages in headless Chromium, waits until each shows the meeting
/// interactively, samples again, and divides the growth by K.
/// <para>
/// The heap is read from the child process over EventPipe (<see cref="ManagedHeap"/>): a session with the runtime
/// provider's GC and GCHeapCollect keywords makes the runtime run a full blocking GC (as dotnet-gcdump does), and the
/// GCHeapStats event that follows it gives the size of every generation (0, 1, 2, LOH, POH) after that GC: the heap of
/// live objects, without garbage. Several samples are taken a second apart and the median kept.
/// </para>
/// </summary>
public static partial class SeatMemory
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<SeatMemoryReport> RunAsync(LoadOptions options, TextWriter? progress = null, CancellationToken outer = default)
    {
        if (options.SeatPages < 1) throw new ArgumentException("--seats must be at least 1.");
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} not found (apt-get install -y chromium).");
        var log = progress ?? TextWriter.Null;
        var started = DateTimeOffset.Now;
        var loadBefore = LoadAverage();
        var work = options.WorkDirectory ?? Path.Combine(AppContext.BaseDirectory, "runs", $"{started:yyyyMMdd-HHmmss}-{options.Scenario}");
        Directory.CreateDirectory(work);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(outer);
        limit.CancelAfter(TimeSpan.FromSeconds(options.MaxRunSeconds));
        var ct = limit.Token;
        var errors = new ErrorLog();
        var statuses = new StatusCounts();

        log.WriteLine($"[seats] DoiThoai ({Targets.AppDll(options)}): preparing data and starting the app…");
        await using var target = await Targets.StartAppAsync(options with { Meetings = 1 }, work, ct);
        var server = target.Server;
        var meeting = target.Meetings[0];

        // A meeting large enough to matter: the requests come in through the phone path, each phone its own device.
        var phones = Enumerable.Range(0, options.Phones).Select(i => new Phone(i, 0, server.BaseAddress)).ToList();
        log.WriteLine($"  submitting {phones.Count} requests to meeting {meeting.Code}…");
        await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (p, c) =>
        {
            await p.OpenFormAsync(meeting.Code, statuses, errors, c);
            await p.SubmitAsync(meeting.Code, statuses, errors, c);
            await p.StopAsync();
        });
        var accepted = phones.Count(p => p.Accepted);
        log.WriteLine($"  {accepted} accepted; HTTP: " + string.Join(", ", statuses.Snapshot().Select(s => $"{s.Key} ×{s.Value}")));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        var contexts = new List<IBrowserContext>();
        try
        {
            // One warm seat first: its circuit pays the one-time costs and (in the app that shares) loads the node's copy.
            var warm = await OpenSeatAsync(browser, server.BaseAddress, meeting.Id, contexts, ct);
            if (!warm) errors.Add("warm seat", "the first chair page did not become interactive");
            await Task.Delay(options.SeatIdle, ct);
            log.WriteLine("  one warm chair page open; sampling the heap…");
            var before = await ManagedHeap.SampleAsync(server.Pid, options.HeapSamples, ct);
            var rssBefore = server.ResidentBytes();
            log.WriteLine($"  heap before: {string.Join(", ", before.Select(b => (b.Total / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)))} MB; opening {options.SeatPages} chair pages…");

            var interactive = 0;
            for (var i = 0; i < options.SeatPages; i++)
            {
                try
                {
                    if (await OpenSeatAsync(browser, server.BaseAddress, meeting.Id, contexts, ct)) interactive++;
                    else errors.Add("seat", "a chair page did not become interactive");
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    errors.Add("seat", ex.Message.Split('\n')[0]);
                }
            }
            log.WriteLine($"  {interactive} of {options.SeatPages} chair pages interactive; idle {options.SeatIdle.TotalSeconds:0} s, then sampling…");
            await Task.Delay(options.SeatIdle, ct);
            var after = await ManagedHeap.SampleAsync(server.Pid, options.HeapSamples, ct);
            var rssAfter = server.ResidentBytes();
            if (options.HoldSeconds > 0)
            {
                log.WriteLine($"  holding the pages open {options.HoldSeconds:0} s (server pid {server.Pid})…");
                await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds), ct);
            }
            // Every page must still hold its circuit when the heap is read (a closed circuit would make the seats look cheap).
            var stillInteractive = 0;
            foreach (var context in contexts.Skip(1))
                if (context.Pages.Count > 0 && await context.Pages[0].Locator("[data-interactive] [data-testid=meeting-status]").CountAsync() > 0) stillInteractive++;
            if (stillInteractive != interactive) errors.Add("seat", $"{interactive - stillInteractive} chair page(s) lost their meeting before the heap was read");
            if (server.HasExited) errors.Add("server", "the server process exited during the run");

            log.WriteLine($"[seats] logs and data: {work}");
            return new SeatMemoryReport
            {
                AppDll = Targets.AppDll(options),
                Commit = options.AppDll is null ? LoadRun.GitCommit() : CommitOf(options.AppDll),
                StartedAt = started,
                LoadAverage = $"{loadBefore} → {LoadAverage()}",
                RequestsOffered = phones.Count,
                RequestsAccepted = accepted,
                Seats = options.SeatPages,
                SeatsInteractive = Math.Min(interactive, stillInteractive),
                HeapBeforeBytes = Median(before.Select(r => r.Total)),
                HeapAfterBytes = Median(after.Select(r => r.Total)),
                HeapBeforeSamples = before,
                HeapAfterSamples = after,
                RssBeforeBytes = rssBefore,
                RssAfterBytes = rssAfter,
                Errors = errors.Total,
                ErrorKinds = errors.Summary(),
                ServerErrorLogLines = server.ErrorLines,
            };
        }
        finally
        {
            foreach (var context in contexts) { try { await context.CloseAsync(); } catch (PlaywrightException) { } }
        }
    }

    /// <summary>A new device signed in as the demo chair, on the chair page, waiting until the meeting shows interactively.</summary>
    private static async Task<bool> OpenSeatAsync(IBrowser browser, Uri baseAddress, Guid meetingId, List<IBrowserContext> contexts, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString().TrimEnd('/'), Locale = "vi-VN" });
        contexts.Add(context);
        var form = await context.APIRequest.GetAsync("/account/login?returnUrl=%2F");
        var token = AntiforgeryField().Match(await form.TextAsync());
        if (!token.Success) throw new InvalidOperationException("The login page has no antiforgery token.");
        var fields = context.APIRequest.CreateFormData();
        fields.Set(Html.AntiforgeryField, token.Groups[1].Value);
        fields.Set("userName", "chutri");
        fields.Set("password", DoiThoai.Web.Data.StartupSeeder.DemoPassword);
        fields.Set("returnUrl", "/");
        var answer = await context.APIRequest.PostAsync("/account/login", new() { Form = fields, MaxRedirects = 0 });
        var landing = answer.Headers.GetValueOrDefault("location") ?? "";
        if (answer.Status != 302 || landing.Contains("/account/login", StringComparison.Ordinal))
            throw new InvalidOperationException($"Signing in as chutri was refused (HTTP {answer.Status}, to {landing}).");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/chair/{meetingId}");
        // Interactive (the circuit is connected) and the meeting loaded: the status chip renders only once it is.
        await page.Locator("[data-interactive] [data-testid=meeting-status]").First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        return true;
    }

    /// <summary>
    /// The median sample: the first session on a process also creates the runtime's event source objects in it (kept
    /// afterwards), so the first sample can read a little lower than the next ones; the median is steady.
    /// </summary>
    private static long Median(IEnumerable<long> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static string CommitOf(string appDll)
    {
        // The clean copies are made as /tmp/doithoai-<commit>/… (README): name that commit.
        var match = Regex.Match(Path.GetFullPath(appDll), @"doithoai-(?:baseline-)?([0-9a-f]{7,40})");
        return match.Success ? match.Groups[1].Value : Path.GetFullPath(appDll);
    }

    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?"; }
        catch (IOException) { return "?"; }
    }
}

/// <summary>
/// The managed heap of another .NET process, read over its diagnostics port (EventPipe): opening a session with the
/// runtime provider's GC + GCHeapCollect keywords (Informational) makes the runtime run a full blocking GC right away
/// (the mechanism dotnet-gcdump uses); the GCHeapStats event after that gen-2 GC carries the size of each generation
/// (gen0, gen1, gen2, large and pinned object heaps) — the bytes of live objects after the collection.
/// </summary>
public static class ManagedHeap
{
    /// <summary>Sizes after a full GC: generations 0, 1, 2, LOH, POH (<paramref name="Generations"/>) and their sum.</summary>
    /// <summary>Total: the generations' sizes (free blocks included); Live: the bytes that survived the full GC.</summary>
    public sealed record HeapReading(long Total, long[] Generations, long Live);

    private const long GCKeyword = 0x1;
    private const long GCHeapCollectKeyword = 0x800000;

    /// <summary><paramref name="count"/> samples, a second apart (each one induces its own full GC).</summary>
    public static async Task<List<HeapReading>> SampleAsync(int pid, int count, CancellationToken ct)
    {
        var samples = new List<HeapReading>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await Task.Delay(1000, ct);
            samples.Add(await ReadAfterFullGcAsync(pid, TimeSpan.FromSeconds(30), ct));
        }
        return samples;
    }

    /// <summary>Bytes in all generations right after a full GC induced in process <paramref name="pid"/>.</summary>
    public static async Task<long> AfterFullGcAsync(int pid, TimeSpan timeout, CancellationToken ct) =>
        (await ReadAfterFullGcAsync(pid, timeout, ct)).Total;

    /// <summary>
    /// Bytes alive right after a full GC: what every generation promoted. Unlike the generations' sizes it leaves out the
    /// free blocks a sweeping gen-2 GC keeps, which moved the per-phone figure by ±1 KB between runs of the same build.
    /// </summary>
    public static async Task<long> LiveAfterFullGcAsync(int pid, TimeSpan timeout, CancellationToken ct) =>
        (await ReadAfterFullGcAsync(pid, timeout, ct)).Live;

    /// <summary>
    /// The generations' sizes right after a full GC induced in process <paramref name="pid"/>. (A gen-2 GC that sweeps
    /// instead of compacting leaves free blocks counted in a generation's size; GCPerHeapHistory would tell them, but
    /// TraceEvent 3.1.21 misreads that event from the .NET 10 runtime, so it is not used.)
    /// </summary>
    public static async Task<HeapReading> ReadAfterFullGcAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GCKeyword | GCHeapCollectKeyword),
        };
        using var session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 64);
        var result = new TaskCompletionSource<HeapReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Its own thread: reading the stream blocks for the whole session (see GcPauses).
        var processing = Task.Factory.StartNew(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var fullGcRunning = false;
            source.Clr.GCStart += e => fullGcRunning = e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (!fullGcRunning) return;
                var total = e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4;
                var live = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4;
                result.TrySetResult(new HeapReading(total, [e.GenerationSize0, e.GenerationSize1, e.GenerationSize2, e.GenerationSize3, e.GenerationSize4], live));
            };
            try { source.Process(); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { result.TrySetException(ex); }
            result.TrySetException(new InvalidOperationException("The event stream ended before a full GC was seen."));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await result.Task.WaitAsync(timeout, ct);
        }
        finally
        {
            try { await session.StopAsync(CancellationToken.None); } catch (Exception ex) when (ex is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException) { }
            await Task.WhenAny(processing, Task.Delay(10_000, CancellationToken.None));
        }
    }
}
