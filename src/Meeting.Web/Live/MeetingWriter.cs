using System.Diagnostics;
using System.Threading.Channels;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using Polly;
using Polly.Retry;

namespace DoiThoai.Web.Live;

/// <summary>
/// The one writer of one meeting on this node. It keeps the meeting in memory, tracked by its own context, so a
/// command costs the command and its own rows, not a reload of the whole meeting. Commands queue here and are taken
/// in batches: each is applied in turn (a refused one changes nothing, by the domain's contract), then the batch is
/// committed in one transaction and only then acknowledged and published. Any failure throws the in-memory meeting
/// away; the next batch loads it again from the database. The stored sequence is checked in the transaction, so a
/// change made by anyone else (another process) is noticed and the meeting reloaded before anything is written.
/// </summary>
internal sealed class MeetingWriter : IAsyncDisposable
{
    private const int MaxBatch = 64;
    private const int MaxAttempts = 5;

    private readonly MeetingCommands _owner;
    // Not SingleReader: that channel cannot count what waits, which retiring needs.
    private readonly Channel<PendingCommand> _queue = Channel.CreateUnbounded<PendingCommand>();
    private readonly Lock _retireLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ResiliencePipeline _busyRetry;
    private bool _retired;
    private AppDb? _db;
    private Meeting? _meeting;
    private KnownRows? _known;
    // Requests and opinions the batch added, changed or removed, as the change tracker heard: the board redoes their lines.
    private readonly List<SpeakRequest> _touchedRequests = [];
    private readonly HashSet<Guid> _touchedOpinions = [];
    private bool _rowsRemoved;
    private bool _rowsChanged;

    public MeetingWriter(MeetingCommands owner, Guid meetingId)
    {
        _owner = owner;
        MeetingId = meetingId;
        // SQLITE_BUSY / LOCKED from another process (a backup, a migration) is transient: reload and apply the batch again.
        _busyRetry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = MaxAttempts - 1,
            Delay = TimeSpan.FromMilliseconds(20),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = _ =>
            {
                Drop();
                return default;
            },
        }).Build();
        _loop = Task.Run(LoopAsync);
    }

    public Guid MeetingId { get; }

    /// <summary>The public lines after the last commit; null until the meeting has been loaded.</summary>
    public PublicBoard? Board { get; private set; }

    // The copy was reloaded (another node, or a fault): the next board is built from the whole meeting. The old board
    // stays readable meanwhile: phones asking between the reload and the next commit see it, not "not found".
    private bool _boardStale;

    public int Waiting => _queue.Reader.Count;

    public bool TryEnqueue(PendingCommand command)
    {
        lock (_retireLock)
        {
            if (_retired) return false;
            // Shutting down: the channel is closed; answer at once rather than let the caller try again forever.
            if (!_queue.Writer.TryWrite(command)) command.Fail(MeetingCommands.SaveFailed);
            return true;
        }
    }

    private async Task LoopAsync()
    {
        var batch = new List<PendingCommand>(MaxBatch);
        try
        {
            while (true)
            {
                if (!await WaitForWorkAsync()) return;
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var command))
                    // A phone that gave up before its turn is not processed.
                    if (!command.SkipIfCancelled()) batch.Add(command);
                if (batch.Count > 0) await ProcessAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down mid-batch: nothing of it was acknowledged; its callers hear so instead of waiting.
            foreach (var command in batch) command.Fail(MeetingCommands.SaveFailed);
        }
        finally
        {
            while (_queue.Reader.TryRead(out var left)) left.Fail(MeetingCommands.SaveFailed);
            Drop();
        }
    }

    /// <summary>Waits for a command; after a long idle time the writer retires and frees the meeting's memory.</summary>
    private async Task<bool> WaitForWorkAsync()
    {
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            idle.CancelAfter(_owner.WriterIdle);
            try
            {
                return await _queue.Reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                lock (_retireLock)
                {
                    if (_queue.Reader.Count > 0) continue;
                    _retired = true;
                    _owner.Retire(this);
                    return false;
                }
            }
        }
    }

    private async Task ProcessAsync(List<PendingCommand> batch)
    {
        try
        {
            if (!await _busyRetry.ExecuteAsync(async _ => await CommitWithReloadsAsync(batch), _stop.Token))
                foreach (var command in batch) command.Fail(MeetingCommands.SaveFailed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            _owner.Logger.LogError(ex, "Commands on meeting {MeetingId} failed", MeetingId);
            Drop();
            foreach (var command in batch) command.Fail(MeetingCommands.SaveFailed);
        }
    }

    /// <summary>Applies and commits the batch, reloading the meeting when it moved on meanwhile (a few times at most).</summary>
    private async ValueTask<bool> CommitWithReloadsAsync(List<PendingCommand> batch)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            if (await CommitAsync(batch)) return true;
        return false;
    }

    /// <summary>One attempt: false when the stored meeting moved on meanwhile (it has been reloaded; try again).</summary>
    private async Task<bool> CommitAsync(List<PendingCommand> batch)
    {
        if (!await EnsureLoadedAsync())
        {
            foreach (var command in batch) command.Refuse(MeetingCommands.MeetingNotFound);
            return true;
        }
        // Another node may have moved the meeting on: start from what is stored, so that no command is refused (or
        // answered) from an old copy. Its commit is still checked under the row lock below.
        if (_db!.SharedByNodes && await _db.StoredSequenceAsync(MeetingId, _stop.Token) != _meeting!.LastSequence)
        {
            Drop();
            _boardStale = true;
            if (!await EnsureLoadedAsync())
            {
                foreach (var command in batch) command.Refuse(MeetingCommands.MeetingNotFound);
                return true;
            }
        }
        var (db, meeting) = (_db!, _meeting!);
        ForgetTouched();
        var expected = meeting.LastSequence;
        var sizes = new CollectionSizes(meeting);
        var now = _owner.Now;
        var applied = new List<PendingCommand>(batch.Count);
        var entries = new List<JournalEntry>();
        var sideRows = new List<object>();
        foreach (var command in batch)
        {
            var scope = new CommandScope(meeting, now, db, _stop.Token);
            // Not for a command that only adds: full detection here would track what the batch's earlier commands
            // appended, and the narrow detection after the batch would then be checked on the last command alone.
            var checkRefusal = _owner.CheckNarrowDetection && !command.OnlyAdds;
            var changedBefore = checkRefusal ? ChangedRows(db) : 0;
            bool ok;
            try
            {
                ok = await command.ApplyAsync(scope);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                // A fault (not a refusal) may have left the meeting half changed: fail that command alone, reload, redo the rest.
                _owner.Logger.LogError(ex, "A command on meeting {MeetingId} by {Actor} failed", MeetingId, command.Actor);
                command.Fail(MeetingCommands.SaveFailed);
                batch.Remove(command);
                Drop();
                foreach (var other in batch) other.Reset();
                return batch.Count == 0;
            }
            if (!ok)
            {
                if (meeting.PendingEvents.Count == 0 && !(checkRefusal && ChangedRows(db) != changedBefore)) continue;
                // A refusal after a change (a command that broke the domain's contract): keep the refusal, throw the
                // copy away and apply the rest of the batch on a fresh one, so the stray change is never saved.
                _owner.Logger.LogError("A refused command on meeting {MeetingId} by {Actor} had changed the meeting; reloading", MeetingId, command.Actor);
                command.Complete(0);
                batch.Remove(command);
                Drop();
                foreach (var other in batch) other.Reset();
                return batch.Count == 0;
            }
            var own = Journalize(meeting, command.Actor, now);
            command.Entries = own;
            entries.AddRange(own);
            foreach (var row in scope.Rows) db.Add(row);
            foreach (var row in scope.Updated) db.Update(row);
            sideRows.AddRange(scope.Rows);
            sideRows.AddRange(scope.Updated);
            applied.Add(command);
        }
        var onlyAdds = applied.TrueForAll(c => c.OnlyAdds);
        if (applied.Count == 0 || entries.Count == 0 && !HasChanges(db, meeting, onlyAdds, sizes))
        {
            if (Board is null || _boardStale) SetBoard(PublicBoard.Build(meeting, Board));
            foreach (var command in batch) command.Complete(meeting.LastSequence);
            return true;
        }

        // Change detection runs outside the store's gate: other meetings commit meanwhile.
        DetectChanges(db, meeting, onlyAdds, sizes);
        var journalTracked = false;
        await _owner.StoreGate.WaitAsync(_stop.Token);
        var committing = Stopwatch.GetTimestamp();
        try
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken before the read, never upgraded later;
            // on PostgreSQL the read locks the meeting's row (see AppDb.LockedSequenceAsync).
            await using var tx = await db.Database.BeginTransactionAsync(_stop.Token);
            var stored = await db.LockedSequenceAsync(MeetingId, _stop.Token);
            var locked = Stopwatch.GetTimestamp();
            if (stored != expected)
            {
                _owner.Logger.LogWarning("Meeting {MeetingId} changed outside this writer (stored {Stored}, held {Held}); reloading", MeetingId, stored, expected);
                await tx.RollbackAsync(_stop.Token);
                Drop();
                _boardStale = true;
                foreach (var command in batch) command.Reset();
                return false;
            }
            // Phones' rows go in as plain INSERTs, and the meeting's running numbers as one UPDATE (DirectWrites: EF's
            // save of them was 24% of a burst's CPU); EF's save then stores whatever else changed, usually nothing.
            if (onlyAdds && sideRows.Count == 0 && meeting.Agenda.Count == sizes.Agenda && meeting.Delegates.Count == sizes.Delegates)
            {
                var rows = DirectWrites.AddedByPhones(meeting, sizes.Opinions, sizes.Requests);
                if (await DirectWrites.TryStoreAsync(db, rows, _stop.Token))
                    _owner.Metrics.StoredDirectly(rows.Count + (await DirectWrites.TryStoreValuesAsync(db, meeting, _stop.Token) ? 1 : 0));
            }
            // The journal's lines are written once and never read back by the writer: stored without EF tracking them.
            if (await DirectWrites.TryInsertUntrackedAsync(db, entries, _stop.Token)) _owner.Metrics.StoredDirectly(entries.Count);
            else
            {
                journalTracked = true;
                db.Journal.AddRange(entries);
            }
            var written = Stopwatch.GetTimestamp();
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: true, _stop.Token);
            var saved = Stopwatch.GetTimestamp();
            await tx.CommitAsync(_stop.Token);
            var done = Stopwatch.GetTimestamp();
            var (took, disk) = (Stopwatch.GetElapsedTime(committing, done), Stopwatch.GetElapsedTime(saved, done));
            _owner.Metrics.Commit(applied.Count, took, disk);
            // Every phone of the batch waited for it: a slow disk (an SD card, a busy host) shows here first, and the
            // steps say where: the write lock (another process writing), the rows, EF's save, the commit (the disk).
            if (took >= _owner.SlowCommit)
                _owner.Logger.LogWarning("Storing {Count} command(s) on meeting {MeetingId} took {Milliseconds:0} ms: lock and check {LockMilliseconds:0.0} ms, rows {RowsMilliseconds:0.0} ms, save {SaveMilliseconds:0.0} ms, commit (the disk's write) {CommitMilliseconds:0.0} ms",
                    applied.Count, MeetingId, took.TotalMilliseconds, Stopwatch.GetElapsedTime(committing, locked).TotalMilliseconds,
                    Stopwatch.GetElapsedTime(locked, written).TotalMilliseconds, Stopwatch.GetElapsedTime(written, saved).TotalMilliseconds,
                    disk.TotalMilliseconds);
        }
        finally
        {
            _owner.StoreGate.Release();
        }

        // Committed: from here on nothing may report the batch as failed. Staff hear of it first; phones read the board.
        var changes = entries.Select(MeetingChange.From).ToList();
        _owner.Feed.PublishToStaff(changes);
        try
        {
            // The journal and side rows need not stay tracked: only the meeting's own graph is compared next time.
            foreach (var row in (journalTracked ? entries.Cast<object>() : []).Concat(sideRows)) db.Entry(row).State = EntityState.Detached;
            // An add-only command that changed a row after all (production does not check): its line is redone too.
            var board = Board is not { } previous || _boardStale || _rowsRemoved ? PublicBoard.Build(meeting, Board)
                : onlyAdds && !_rowsChanged ? previous.WithNewRequests(meeting)
                : previous.WithChangedRequests(meeting, _touchedRequests, _touchedOpinions);
            if (_owner.CheckNarrowDetection && !board.HasSameLinesAs(PublicBoard.Build(meeting, null)))
                throw new InvalidOperationException($"The public board of meeting {MeetingId} built from what changed differs from the whole meeting's.");
            SetBoard(board);
        }
        catch (Exception ex)
        {
            _owner.Logger.LogError(ex, "After committing on meeting {MeetingId}: the copy is reloaded for the next batch", MeetingId);
            Drop();
            Board = null;
        }
        _owner.Feed.PublishToPhones(changes, Board);
        _owner.Metrics.Delivered(_owner.Now - now);
        foreach (var command in batch) command.Complete(entries.Count > 0 ? entries[^1].Sequence : expected);
        return true;
    }

    private long _heardSequence;

    /// <summary>The highest sequence another node committed on this meeting, as far as this node heard.</summary>
    public long HeardSequence => Interlocked.Read(ref _heardSequence);

    public void HeardOf(long sequence)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _heardSequence)) < sequence && Interlocked.CompareExchange(ref _heardSequence, sequence, seen) != seen)
        {
        }
    }

    private void SetBoard(PublicBoard board)
    {
        _boardStale = false;
        _owner.Codes.Remember(MeetingId, board.NewTokens);
        Board = board;
    }

    private async Task<bool> EnsureLoadedAsync()
    {
        if (_meeting is not null) return true;
        _db = await _owner.DbFactory.CreateDbContextAsync(_stop.Token);
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        // A failed batch rolls its whole transaction back, so EF's savepoint around SaveChanges only costs two commands.
        _db.Database.AutoSavepointsEnabled = false;
        // Open for the copy's life: a batch would otherwise take a connection from the pool and run its pragmas again.
        await _db.Database.OpenConnectionAsync(_stop.Token);
        _meeting = await _db.LoadMeetingAsync(MeetingId, tracking: true, _stop.Token);
        if (_meeting is null)
        {
            Drop();
            return false;
        }
        _meeting.TakeEvents();
        _known = new KnownRows(_meeting);
        // After the load: its thousands of rows need not each be announced as tracked.
        _db.ChangeTracker.StateChanged += (_, e) =>
        {
            if (e.NewState != EntityState.Unchanged && e.NewState != EntityState.Detached) Touched(e.Entry.Entity, e.NewState);
        };
        _db.ChangeTracker.Tracked += (_, e) => Touched(e.Entry.Entity, e.Entry.State);
        return true;
    }

    private void Touched(object row, EntityState state)
    {
        if (state is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) return;
        if (state == EntityState.Deleted && row is SpeakRequest or Opinion) _rowsRemoved = true;
        if (state == EntityState.Modified && row is SpeakRequest or Opinion) _rowsChanged = true;
        if (state == EntityState.Deleted) return;
        if (row is SpeakRequest request) _touchedRequests.Add(request);
        else if (row is Opinion opinion) _touchedOpinions.Add(opinion.Id);
    }

    private void ForgetTouched()
    {
        _touchedRequests.Clear();
        _touchedOpinions.Clear();
        _rowsRemoved = false;
        _rowsChanged = false;
    }

    /// <summary>
    /// The meeting's rows are never compared: each says what changed as it changes (<see cref="MeetingRow"/>, EF's
    /// notification strategy) — comparing every row held cost ~10 µs a row, 35–44 ms per staff command at 2,000
    /// requests. Nor, usually, are the meeting's lists: EF's comparison copies each list and its snapshot into sets
    /// (thousands of rows per batch: most of a phones' burst's garbage, and 2–3 ms of a staff command at 4,000
    /// requests). The domain appends new rows at the end of its lists, so a batch after which every list still starts
    /// with the rows it had (<see cref="KnownRows"/>) needs only the rows appended and the meeting's own values; a
    /// removed row or a changed small list (chairs, places, blocked phones, preparation marks) sends the batch to EF's
    /// full detection. A batch of commands declared to only add rows (phones' requests) skips even that check: such a
    /// command may append rows and change the meeting's plain and nested values only. The tests compare every narrow
    /// detection with the full one.
    /// </summary>
    private void DetectChanges(AppDb db, Meeting meeting, bool onlyAdds, CollectionSizes before)
    {
        if (!onlyAdds && !_known!.OnlyAppended(meeting))
        {
            db.ChangeTracker.DetectChanges();
            _known = new KnownRows(meeting);
            if (_owner.CheckNarrowDetection) CheckRowsNotified(db);
            return;
        }
        TrackAppended(db, meeting.Agenda, before.Agenda);
        // A step knows its meeting only through the list (a shadow key), which full detection would have filled in.
        for (var i = before.Agenda; i < meeting.Agenda.Count; i++)
            db.Entry(meeting.Agenda[i]).Property("MeetingId").CurrentValue = meeting.Id;
        TrackAppended(db, meeting.Requests, before.Requests);
        TrackAppended(db, meeting.Opinions, before.Opinions);
        TrackAppended(db, meeting.Delegates, before.Delegates);
        var entry = db.Entry(meeting);
        DetectValues(entry.Properties, entry.ComplexProperties);
        _known!.Append(meeting);
        if (!_owner.CheckNarrowDetection) return;
        var narrow = db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged);
        var narrowValues = ModifiedValues(entry);
        db.ChangeTracker.DetectChanges();
        CheckRowsNotified(db);
        // A changed row would be saved (it said so), but the board built from new requests only would not show it.
        var changedRows = onlyAdds ? db.ChangeTracker.Entries().Count(e => e.State is EntityState.Modified or EntityState.Deleted && e.Entity != meeting) : 0;
        var full = db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged);
        if (onlyAdds && (full != narrow || changedRows > 0))
            throw new InvalidOperationException($"A command declared to only add rows changed {Math.Max(full - narrow, changedRows)} other row(s) of meeting {MeetingId}.");
        if (full != narrow)
            throw new InvalidOperationException($"Narrow detection found {narrow} changed row(s), full detection {full}, on meeting {MeetingId}.");
        if (ModifiedValues(entry) != narrowValues)
            throw new InvalidOperationException($"Narrow detection saw {narrowValues}, full detection {ModifiedValues(entry)} on meeting {MeetingId}.");
    }

    /// <summary>
    /// Tests: a row's value that changed without its notice (a setter not going through <see cref="MeetingRow"/>) would
    /// never be saved; the snapshot EF keeps of each row tells.
    /// </summary>
    private void CheckRowsNotified(AppDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Unchanged or EntityState.Modified) || entry.Metadata.GetChangeTrackingStrategy() == ChangeTrackingStrategy.Snapshot) continue;
            foreach (var property in entry.Properties)
                if (!property.IsModified && !property.Metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue))
                    throw new InvalidOperationException($"{entry.Metadata.ClrType.Name}.{property.Metadata.Name} changed without notice on meeting {MeetingId}: it would not be saved.");
        }
    }

    /// <summary>The domain appends new rows at the end of the meeting's lists.</summary>
    private static void TrackAppended<T>(AppDb db, IReadOnlyList<T> rows, int from) where T : class
    {
        for (var i = from; i < rows.Count; i++)
            if (db.Entry(rows[i]).State == EntityState.Detached) db.Add(rows[i]);
    }

    private static void DetectValues(IEnumerable<PropertyEntry> properties, IEnumerable<ComplexPropertyEntry> complex)
    {
        foreach (var property in properties)
            if (!property.IsModified && !property.Metadata.IsPrimitiveCollection
                && !property.Metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue))
                property.IsModified = true;
        foreach (var member in complex) DetectValues(member.Properties, member.ComplexProperties);
    }

    private static string ModifiedValues(EntityEntry entry) => string.Join(",",
        entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)
            .Concat(entry.ComplexProperties.SelectMany(c => c.Properties.Where(p => p.IsModified).Select(p => c.Metadata.Name + "." + p.Metadata.Name)))
            .Concat(entry.ComplexCollections.Where(c => c.IsModified).Select(c => c.Metadata.Name)));

    /// <summary>
    /// The rows of the meeting's lists, in order, as the writer last saw them, and copies of its small lists: whether a
    /// batch only appended rows costs a comparison of references (microseconds at thousands of rows), not EF's sets.
    /// </summary>
    private sealed class KnownRows
    {
        private readonly List<object> _agenda = [], _requests = [], _opinions = [], _delegates = [];
        private readonly ChairPerson[] _chairs;
        private readonly string[] _places, _blockedDevices;
        private readonly PreparationMark[] _marks;

        public KnownRows(Meeting meeting)
        {
            Append(meeting);
            (_chairs, _places, _blockedDevices, _marks) = ([.. meeting.Chairs], [.. meeting.Places], [.. meeting.BlockedDevices], [.. meeting.PreparationMarks]);
        }

        public bool OnlyAppended(Meeting meeting) =>
            StartsWith(meeting.Agenda, _agenda) && StartsWith(meeting.Requests, _requests)
            && StartsWith(meeting.Opinions, _opinions) && StartsWith(meeting.Delegates, _delegates)
            && meeting.Chairs.SequenceEqual(_chairs) && meeting.Places.SequenceEqual(_places)
            && meeting.BlockedDevices.SequenceEqual(_blockedDevices) && meeting.PreparationMarks.SequenceEqual(_marks);

        public void Append(Meeting meeting)
        {
            AppendNew(meeting.Agenda, _agenda);
            AppendNew(meeting.Requests, _requests);
            AppendNew(meeting.Opinions, _opinions);
            AppendNew(meeting.Delegates, _delegates);
        }

        private static bool StartsWith<T>(IReadOnlyList<T> rows, List<object> known) where T : class
        {
            if (rows.Count < known.Count) return false;
            for (var i = 0; i < known.Count; i++)
                if (!ReferenceEquals(rows[i], known[i])) return false;
            return true;
        }

        private static void AppendNew<T>(IReadOnlyList<T> rows, List<object> known) where T : class
        {
            for (var i = known.Count; i < rows.Count; i++) known.Add(rows[i]);
        }
    }

    /// <summary>How many rows each of the meeting's lists held before the batch.</summary>
    private readonly record struct CollectionSizes(int Agenda, int Requests, int Opinions, int Delegates)
    {
        public CollectionSizes(Meeting meeting) : this(meeting.Agenda.Count, meeting.Requests.Count, meeting.Opinions.Count, meeting.Delegates.Count) { }
    }

    /// <summary>Tests check every refusal against full change detection (production trusts the domain's contract).</summary>
    private static int ChangedRows(AppDb db)
    {
        db.ChangeTracker.DetectChanges();
        return db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged);
    }

    /// <summary>
    /// For a batch that raised no event (a phone sending its form again gets its request back). Narrow for phones:
    /// full detection compares the meeting's lists, which grow with the meeting.
    /// </summary>
    private bool HasChanges(AppDb db, Meeting meeting, bool onlyAdds, CollectionSizes before)
    {
        DetectChanges(db, meeting, onlyAdds, before);
        return db.ChangeTracker.HasChanges();
    }

    private void Drop()
    {
        ForgetTouched();
        _db?.Dispose();
        _db = null;
        _meeting = null;
        _known = null;
    }

    /// <summary>Busy or locked (SQLite), a serialization failure or deadlock (PostgreSQL): the same batch may succeed again.</summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    internal static List<JournalEntry> Journalize(Meeting meeting, string actor, DateTimeOffset now) =>
        meeting.TakeEvents().Select(e => new JournalEntry
        {
            MeetingId = meeting.Id,
            Sequence = meeting.AdvanceSequence(),
            Kind = e.Kind,
            Text = e.Text,
            SubjectId = e.SubjectId,
            StaffOnly = e.StaffOnly,
            Actor = actor,
            At = now,
        }).ToList();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

/// <summary>A command waiting for its meeting's writer, and the caller waiting for its result.</summary>
internal abstract class PendingCommand(string actor, CancellationToken ct)
{
    public string Actor { get; } = actor;
    /// <summary>Declared by the caller: the command only adds rows and changes the meeting's own values.</summary>
    public bool OnlyAdds { get; init; }
    public List<JournalEntry> Entries { get; set; } = [];
    protected CancellationToken CallerToken { get; } = ct;

    /// <summary>Applies the command to the meeting; false when the domain refused it (nothing changed).</summary>
    public abstract Task<bool> ApplyAsync(CommandScope scope);
    public abstract void Complete(long sequence);
    public abstract void Refuse(string error);
    public abstract void Fail(string error);
    /// <summary>Forgets the outcome of an attempt that was not committed, before the batch is applied again.</summary>
    public abstract void Reset();
    public abstract bool SkipIfCancelled();
}

internal sealed class PendingCommand<T>(Func<CommandScope, Task<T>> command, string actor, CancellationToken ct) : PendingCommand(actor, ct)
{
    private readonly TaskCompletionSource<CommandResult<T>> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _value;
    private string? _refusal;
    private bool _ok;

    public Task<CommandResult<T>> Result => _result.Task;

    public override async Task<bool> ApplyAsync(CommandScope scope)
    {
        try
        {
            _value = await command(scope);
            _ok = true;
        }
        catch (MeetingRuleException refused)
        {
            _refusal = refused.Message;
            _ok = false;
        }
        return _ok;
    }

    public override void Complete(long sequence) =>
        _result.TrySetResult(_ok ? new CommandResult<T>(true, _value, null, sequence) : CommandResult<T>.Refused(_refusal ?? MeetingCommands.SaveFailed));

    public override void Refuse(string error) => _result.TrySetResult(CommandResult<T>.Refused(error));

    // A refusal by the domain stands even when the batch failed to save: it was never going to change anything.
    public override void Fail(string error) => _result.TrySetResult(CommandResult<T>.Refused(_refusal ?? error));

    public override void Reset()
    {
        _value = default;
        _refusal = null;
        _ok = false;
        Entries = [];
    }

    public override bool SkipIfCancelled()
    {
        if (!CallerToken.IsCancellationRequested) return false;
        _result.TrySetCanceled(CallerToken);
        return true;
    }
}
