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

public sealed class AppDb(DbContextOptions<AppDb> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<SpeakRequest> SpeakRequests => Set<SpeakRequest>();
    public DbSet<Opinion> Opinions => Set<Opinion>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<MeetingDelegate> Delegates => Set<MeetingDelegate>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Unit> Units => Set<Unit>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; binary keeps the offset and sorts.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
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
