using System.Diagnostics.Tracing;
using System.Globalization;
using DoiThoai.Web.Live;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace DoiThoai.LoadTool;

/// <summary>
/// The server's GC pauses during the burst, read from its diagnostics port (EventPipe, GC keyword): each runtime
/// suspension for a GC, from GCSuspendEEBegin to GCRestartEEEnd, with the generation collected. A burst's slowest
/// submissions all finishing together after a silence is either such a pause or something else stopping the server;
/// this tells which. At the GC keyword's verbose level it also samples what was allocated, by type.
/// </summary>
public sealed class GcPauses : IAsyncDisposable
{
    /// <summary>One stop of the runtime; <paramref name="Generation"/> is -1 when it was not for a GC.</summary>
    /// <param name="PromotedBytes">What survived the collection in the small-object generations (for gen 0 and 1: what the
    /// pause copied into an older generation). 0 for a background GC's pauses, whose figures come after them.</param>
    /// <param name="Phases">Where the pause went, in ms: "suspend" (stopping the threads), the mark phases by root kind
    /// (GCMarkWithType: "stack", "finalizer", "handles", "older" — the cards of older generations pointing to younger
    /// objects —, "dependent", …), "plan+copy" (the last mark to GCEnd: planning, copying survivors, fixing references),
    /// "other" (what no event marks: a background GC's own pauses, a mark kind not named here) and "restart". They add
    /// up to the pause. Empty for a stop that was not for a GC.</param>
    public sealed record Pause(double AtMs, double Milliseconds, int Generation, string Reason, string Type, long PromotedBytes = 0,
        IReadOnlyDictionary<string, double>? Phases = null)
    {
        /// <summary>The runtime's root kinds of GCMarkWithType, by number (0 stack … 9 a background GC's roots).</summary>
        private static readonly string[] MarkPhaseNames = ["stack", "finalizer", "handles", "older", "sizedref", "overflow", "dependent", "newfinalizer", "steal", "bgc"];

        /// <summary>The phases <see cref="Phases"/> may name, in the order of a pause.</summary>
        public static readonly string[] PhaseNames = ["suspend", .. MarkPhaseNames, "plan+copy", "other", "restart"];

        /// <summary>The phase a GCMarkWithType event of root kind <paramref name="kind"/> ends.</summary>
        public static string MarkPhase(int kind) => kind >= 0 && kind < MarkPhaseNames.Length ? MarkPhaseNames[kind] : "other";

        public bool ForGc => Generation >= 0;
    }

    /// <summary>
    /// One batch the app stored (its event <see cref="CommitEvents"/>): from BEGIN at <paramref name="AtMs"/> to the end of
    /// COMMIT, and the COMMIT alone (SQLite's fsync: the disk). Every submission queued behind a slow one waited for it.
    /// </summary>
    public sealed record Commit(double AtMs, int Commands, double Milliseconds, double DiskMilliseconds);

    /// <summary>A method the JIT compiled while counting: tier-1 compilations in the burst take a core from it.</summary>
    public sealed record Compilation(double AtMs, string Method, string Tier);

    private const long GCKeyword = 0x1;
    private const long JitKeyword = 0x10;
    private readonly List<Compilation> _compilations = [];
    private readonly List<Commit> _commits = [];
    private readonly EventPipeSession _session;
    private readonly Task _processing;
    private readonly List<Pause> _pauses = [];
    private int _stopped;
    private readonly TaskCompletionSource<bool> _readerStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, long> _allocatedByType = [];
    // Set by CountFrom (DateTime ticks): pauses and allocations before it are left out, and pauses are timed from it.
    // Nothing counts until it is called.
    private long _fromTicks = long.MaxValue;

    /// <summary>
    /// Counts from <paramref name="from"/> on (the burst's start), timing each pause from it. The session is started a
    /// while before, so that its own start in the server (types described for the allocation samples) is not measured
    /// as part of the burst.
    /// </summary>
    public void CountFrom(DateTime from) => Interlocked.Exchange(ref _fromTicks, from.Ticks);

    private GcPauses(EventPipeSession session)
    {
        _session = session;
        // Its own thread: reading the stream blocks for the whole session, and on two cores the thread pool starts with two
        // threads — two sessions on pool threads left the tool's phones and seats waiting for the pool to grow (0.8–0.9 s).
        _processing = Task.Factory.StartNew(() =>
        {
            _readerStarted.TrySetResult(Thread.CurrentThread.IsThreadPoolThread);
            using var source = new EventPipeEventSource(session.EventStream);
            double? suspendedAt = null;
            var suspendedClock = DateTime.MinValue;
            bool Counted(DateTime at) => at.Ticks >= Interlocked.Read(ref _fromTicks);
            var generation = 0;
            var reason = "";
            var type = "";
            var forGc = false;
            long promoted = 0;
            var phases = new Dictionary<string, double>();
            var phaseFrom = 0.0;
            void Phase(string name, double at)
            {
                phases[name] = phases.GetValueOrDefault(name) + (at - phaseFrom);
                phaseFrom = at;
            }
            source.Clr.GCSuspendEEStart += e =>
            {
                suspendedAt = e.TimeStampRelativeMSec;
                suspendedClock = e.TimeStamp;
                // The runtime also stops every thread for other work (tiered compilation's call counting, a debugger).
                forGc = e.Reason is GCSuspendEEReason.SuspendForGC or GCSuspendEEReason.SuspendForGCPrep;
                (generation, reason, type, promoted) = (-1, e.Reason.ToString(), "", 0);
                phases = [];
                phaseFrom = e.TimeStampRelativeMSec;
            };
            var marked = false;
            // Every stop ends its suspension with this event, also a background GC's second stop (no GCStart of its own).
            source.Clr.GCSuspendEEStop += e =>
            {
                if (suspendedAt is not null && forGc) Phase("suspend", e.TimeStampRelativeMSec);
                marked = false;
            };
            source.Clr.GCStart += e => (generation, reason, type) = (e.Depth, e.Reason.ToString(), e.Type.ToString());
            // Each mark phase ends with one event per heap; the time since the previous one is that phase's.
            source.Clr.GCMarkWithType += e =>
            {
                if (suspendedAt is null) return;
                Phase(Pause.MarkPhase(e.Type), e.TimeStampRelativeMSec);
                marked = true;
            };
            source.Clr.GCStop += e =>
            {
                if (suspendedAt is not null && forGc) Phase(marked ? "plan+copy" : "other", e.TimeStampRelativeMSec);
            };
            source.Clr.GCRestartEEStart += e =>
            {
                if (suspendedAt is not null && forGc) Phase("other", e.TimeStampRelativeMSec);
            };
            source.Clr.GCHeapStats += e => promoted = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2;
            source.Clr.GCRestartEEStop += e =>
            {
                if (suspendedAt is not { } from) return;
                if (forGc) Phase("restart", e.TimeStampRelativeMSec);
                suspendedAt = null;
                if (!Counted(suspendedClock)) return;
                var origin = new DateTime(Interlocked.Read(ref _fromTicks), suspendedClock.Kind);
                // A background GC's second pause has no GCStart of its own: a GC pause of an unknown generation (2).
                var collected = !forGc ? -1 : generation >= 0 ? generation : 2;
                lock (_pauses) _pauses.Add(new Pause((suspendedClock - origin).TotalMilliseconds, e.TimeStampRelativeMSec - from, collected, reason, type, promoted,
                    forGc ? phases : null));
            };
            // The runtime names the type of the object that crossed each ~100 KB of allocation: a sampled profile.
            source.Clr.GCAllocationTick += e =>
            {
                if (!Counted(e.TimeStamp)) return;
                lock (_allocatedByType)
                    _allocatedByType[e.TypeName ?? "?"] = _allocatedByType.GetValueOrDefault(e.TypeName ?? "?") + e.AllocationAmount64;
            };
            source.Dynamic.AddCallbackForProviderEvent(CommitEvents.SourceName, nameof(CommitEvents.Committed), e =>
            {
                if (!Counted(e.TimeStamp)) return;
                var origin = new DateTime(Interlocked.Read(ref _fromTicks), e.TimeStamp.Kind);
                var took = Convert.ToDouble(e.PayloadByName("milliseconds"), CultureInfo.InvariantCulture);
                lock (_commits)
                    _commits.Add(new Commit((e.TimeStamp - origin).TotalMilliseconds - took, Convert.ToInt32(e.PayloadByName("commands"), CultureInfo.InvariantCulture),
                        took, Convert.ToDouble(e.PayloadByName("diskMilliseconds"), CultureInfo.InvariantCulture)));
            });
            source.Clr.MethodLoadVerbose += e =>
            {
                if (!Counted(e.TimeStamp)) return;
                var origin = new DateTime(Interlocked.Read(ref _fromTicks), e.TimeStamp.Kind);
                lock (_compilations)
                    _compilations.Add(new Compilation((e.TimeStamp - origin).TotalMilliseconds, $"{e.MethodNamespace}.{e.MethodName}", e.OptimizationTier.ToString()));
            };
            try { source.Process(); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Starts listening to process <paramref name="pid"/>; null when its diagnostics port does not answer. Without
    /// <paramref name="allocations"/> only the pauses are heard (the informational level: no allocation samples, and no
    /// compilations, which the runtime reports at the verbose level only).
    /// </summary>
    public static GcPauses? TryStart(int pid, bool allocations = true)
    {
        try
        {
            var session = new DiagnosticsClient(pid).StartEventPipeSession(
                [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", allocations ? EventLevel.Verbose : EventLevel.Informational, allocations ? GCKeyword | JitKeyword : GCKeyword),
                    new EventPipeProvider(CommitEvents.SourceName, EventLevel.Informational)],
                requestRundown: false, circularBufferMB: 16);
            return new GcPauses(session);
        }
        catch (Exception ex) when (ex is DiagnosticsClientException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the events are read on a thread of the pool (they must not be: see the constructor).</summary>
    public Task<bool> ReadsOnPoolThreadAsync() => _readerStarted.Task;

    /// <summary>Stops listening and gives every pause seen.</summary>
    public async Task<IReadOnlyList<Pause>> StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) lock (_pauses) return [.. _pauses];
        try { await _session.StopAsync(CancellationToken.None); }
        catch (Exception ex) when (ex is ServerNotAvailableException or EndOfStreamException or IOException or TimeoutException) { }
        await Task.WhenAny(_processing, Task.Delay(10_000));
        lock (_pauses) return [.. _pauses];
    }

    /// <summary>The methods compiled while counting, in order.</summary>
    public IReadOnlyList<Compilation> Compilations()
    {
        lock (_compilations) return [.. _compilations];
    }

    /// <summary>The app's commits while counting, in order (none for the floor, which stores nothing).</summary>
    public IReadOnlyList<Commit> Commits()
    {
        lock (_commits) return [.. _commits];
    }

    /// <summary>Sampled bytes allocated by type over the listening time (one sample per ~100 KB), largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> AllocatedByType()
    {
        lock (_allocatedByType) return [.. _allocatedByType.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value))];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _session.Dispose();
    }
}
