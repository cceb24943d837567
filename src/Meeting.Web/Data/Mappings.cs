using DoiThoai.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Data;

internal sealed class MeetingMapping : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> m)
    {
        m.HasKey(x => x.Id);
        m.Property(x => x.Id).ValueGeneratedNever();
        m.HasIndex(x => x.PublicCode).IsUnique();
        m.HasIndex(x => x.UnitId);
        m.Property(x => x.Title).HasMaxLength(500);
        m.Property(x => x.PublicCode).HasMaxLength(16);
        m.ComplexCollection(x => x.Chairs, c => c.ToJson());
        m.PrimitiveCollection(x => x.Places);
        m.PrimitiveCollection(x => x.BlockedDevices);
        m.ComplexCollection(x => x.PreparationMarks, c => c.ToJson());
        // Meetings stored before the notice was chosen had the usual 5 working days.
        m.Property(x => x.InvitationNoticeDays).HasDefaultValue(PreparationDefaults.InvitationNoticeDays).HasSentinel(0);
        m.ComplexProperty(x => x.Floor, f => f.ComplexProperty(x => x.Timer));
        m.HasMany(x => x.Agenda).WithOne().HasForeignKey("MeetingId").OnDelete(DeleteBehavior.Cascade);
        m.HasMany(x => x.Requests).WithOne().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        m.HasMany(x => x.Opinions).WithOne().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
        m.Navigation(x => x.Agenda).UsePropertyAccessMode(PropertyAccessMode.Field);
        m.Navigation(x => x.Requests).UsePropertyAccessMode(PropertyAccessMode.Field);
        m.Navigation(x => x.Opinions).UsePropertyAccessMode(PropertyAccessMode.Field);
        m.HasMany(x => x.Delegates).WithOne().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Cascade);
        m.Navigation(x => x.Delegates).UsePropertyAccessMode(PropertyAccessMode.Field);
        m.Ignore(x => x.PendingEvents);
        m.Ignore(x => x.CurrentStep);
        m.Ignore(x => x.FloorSpeaker);
        m.Ignore(x => x.FloorAssignment);
        m.Ignore(x => x.FocusOpinion);
        m.Ignore(x => x.MeetingDate);
        m.Ignore(x => x.ContentAreas);
        m.Ignore(x => x.CanEditPlan);
    }
}

internal sealed class AgendaItemMapping : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> a)
    {
        a.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.Title).HasMaxLength(300);
    }
}

internal sealed class SpeakRequestMapping : IEntityTypeConfiguration<SpeakRequest>
{
    public void Configure(EntityTypeBuilder<SpeakRequest> r)
    {
        r.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.HasIndex(x => x.StatusToken).IsUnique();
        r.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
        // Filters name columns quoted: PostgreSQL folds unquoted names to lower case, SQLite reads both.
        r.HasIndex(x => new { x.MeetingId, x.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        r.Property(x => x.Name).HasMaxLength(Meeting.MaxNameLength);
        r.Property(x => x.Place).HasMaxLength(Meeting.MaxPlaceLength);
        r.Property(x => x.StatusToken).HasMaxLength(64);
        r.Property(x => x.IdempotencyKey).HasMaxLength(64);
        r.Property(x => x.Device).HasMaxLength(PhoneDeviceKeyLength);
    }

    public const int PhoneDeviceKeyLength = 24;
}

internal sealed class OpinionMapping : IEntityTypeConfiguration<Opinion>
{
    public void Configure(EntityTypeBuilder<Opinion> o)
    {
        o.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        o.HasKey(x => x.Id);
        o.Property(x => x.Id).ValueGeneratedNever();
        o.Property(x => x.Content).HasMaxLength(Meeting.MaxContentLength);
        o.Property(x => x.SubmitterPhone).HasMaxLength(20);
        o.Property(x => x.SubmissionKey).HasMaxLength(64);
        o.Property(x => x.PreparedAnswer).HasMaxLength(Meeting.MaxPreparedAnswerLength);
        o.Property(x => x.OutcomeBy).HasMaxLength(256); // an account's user name, as Identity limits it
        o.Property(x => x.AnswerSummary).HasMaxLength(Meeting.MaxAnswerSummaryLength);
        o.Property(x => x.AnswerSummaryBy).HasMaxLength(256);
        // The online form looks its key up before adding: a re-sent form finds what it made.
        o.HasIndex(x => new { x.MeetingId, x.SubmissionKey }).HasFilter("\"SubmissionKey\" IS NOT NULL");
        o.HasMany(x => x.Assignments).WithOne().HasForeignKey(a => a.OpinionId).OnDelete(DeleteBehavior.Cascade);
        o.HasMany(x => x.Notes).WithOne().HasForeignKey(n => n.OpinionId).OnDelete(DeleteBehavior.Cascade);
        o.Navigation(x => x.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Navigation(x => x.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
        o.Ignore(x => x.LeadAssignment);
    }
}

internal sealed class AssignmentMapping : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> a)
    {
        a.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).ValueGeneratedNever();
        a.HasIndex(x => x.DepartmentId);
    }
}

internal sealed class StaffNoteMapping : IEntityTypeConfiguration<StaffNote>
{
    public void Configure(EntityTypeBuilder<StaffNote> n)
    {
        n.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        n.HasKey(x => x.Id);
        n.Property(x => x.Id).ValueGeneratedNever();
    }
}

internal sealed class DepartmentMapping : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> d)
    {
        d.HasKey(x => x.Id);
        d.Property(x => x.Id).ValueGeneratedNever();
        d.Property(x => x.Name).HasMaxLength(200);
        d.HasIndex(x => x.UnitId);
    }
}

internal sealed class UnitMapping : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> u)
    {
        u.HasKey(x => x.Id);
        u.Property(x => x.Id).ValueGeneratedNever();
        u.Property(x => x.Name).HasMaxLength(200);
        u.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class DelegateMapping : IEntityTypeConfiguration<MeetingDelegate>
{
    public void Configure(EntityTypeBuilder<MeetingDelegate> d)
    {
        d.HasChangeTrackingStrategy(ChangeTrackingStrategy.ChangedNotifications);
        d.HasKey(x => x.Id);
        d.Property(x => x.Id).ValueGeneratedNever();
        // Unique across all meetings: an invitation code is never reused.
        d.HasIndex(x => x.InvitationCode).IsUnique();
        d.Property(x => x.InvitationCode).HasMaxLength(16);
        d.Property(x => x.Name).HasMaxLength(Meeting.MaxNameLength);
        d.Property(x => x.Title).HasMaxLength(200);
        d.Property(x => x.Organization).HasMaxLength(200);
        d.Property(x => x.Phone).HasMaxLength(20);
    }
}

internal sealed class JournalMapping : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> j)
    {
        j.HasKey(x => x.Id);
        j.HasIndex(x => new { x.MeetingId, x.Sequence }).IsUnique();
    }
}
