using DoiThoai.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DoiThoai.Web.Data;

public sealed class StaffUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>The unit whose data this person works on (and the units below it).</summary>
    public Guid UnitId { get; set; }
    /// <summary>For department staff: the department whose follow-up items are theirs.</summary>
    public Guid? DepartmentId { get; set; }
}

/// <summary>The app's model on SQLite (the embedded default); <see cref="PostgresAppDb"/> is the same model on PostgreSQL.</summary>
public class AppDb : IdentityDbContext<StaffUser>
{
    public AppDb(DbContextOptions<AppDb> options) : base(options) { }

    /// <summary>For a provider's own context type: EF finds migrations by context type, one set per provider.</summary>
    protected AppDb(DbContextOptions options) : base(options) { }

    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<SpeakRequest> SpeakRequests => Set<SpeakRequest>();
    public DbSet<Opinion> Opinions => Set<Opinion>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<MeetingDelegate> Delegates => Set<MeetingDelegate>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Unit> Units => Set<Unit>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; binary keeps the offset and sorts. PostgreSQL
        // keeps the same: its timestamptz would drop the hall's +07:00, which the minutes and notices print.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
    }

    /// <summary>
    /// The meeting's stored sequence, read inside the writer's transaction and held until it ends, so that no other
    /// writer (another node) commits on the meeting meanwhile. SQLite's transaction already holds the file's write lock.
    /// </summary>
    public virtual Task<long?> LockedSequenceAsync(Guid meetingId, CancellationToken ct) => StoredSequenceAsync(meetingId, ct);

    /// <summary>The meeting's stored sequence, without a lock (on the writer's open connection, by a kept command).</summary>
    public virtual Task<long?> StoredSequenceAsync(Guid meetingId, CancellationToken ct) =>
        Live.DirectWrites.StoredSequenceAsync(this, meetingId, ct) ?? Compiled<AppDb>.StoredSequence(this, meetingId, ct);

    /// <summary>
    /// Work done once per installation however many nodes run it (the hourly reminder e-mails): held until disposed;
    /// null while another node holds it. A SQLite installation is one node: it always gets it.
    /// </summary>
    public virtual Task<IAsyncDisposable?> TryLeaseAsync(string name, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(OwnLease.Instance);

    private sealed class OwnLease : IAsyncDisposable
    {
        public static readonly OwnLease Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Other app nodes may write this database: a writer's copy of a meeting can be older than what is stored.</summary>
    public virtual bool SharedByNodes => false;

    /// <summary>
    /// Compiled once per context type (a compiled query keeps the model it first ran on): the writer asks this in every
    /// batch, and building the query each time was garbage.
    /// </summary>
    protected static class Compiled<TDb> where TDb : AppDb
    {
        public static readonly Func<TDb, Guid, CancellationToken, Task<long?>> StoredSequence = EF.CompileAsyncQuery(
            (TDb db, Guid meetingId, CancellationToken _) => db.Meetings.Where(m => m.Id == meetingId).Select(m => (long?)m.LastSequence).FirstOrDefault());
    }

    /// <summary>Loads a whole meeting (a few hundred rows at most) with everything its commands need.</summary>
    public Task<Meeting?> LoadMeetingAsync(Guid meetingId, bool tracking, CancellationToken ct = default)
    {
        IQueryable<Meeting> query = Meetings
            .Include(m => m.Agenda)
            .Include(m => m.Requests)
            .Include(m => m.Opinions).ThenInclude(o => o.Assignments)
            .Include(m => m.Opinions).ThenInclude(o => o.Notes)
            .Include(m => m.Delegates)
            .AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
    }
}

/// <summary>One row of a meeting's journal: the audit trail, the timeline of the minutes, and what clients catch up from.</summary>
public sealed class JournalEntry
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public long Sequence { get; set; }
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
    public Guid? SubjectId { get; set; }
    public bool StaffOnly { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
