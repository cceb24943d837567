using DoiThoai.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// The conclusion notice (Mẫu 9) as issued: its number and date start the departments' 15 working days. One per meeting;
/// issuing it creates the follow-up items, so it cannot be issued twice.
/// </summary>
public sealed class IssuedNotice
{
    public const int MaxNumberLength = 60;

    public Guid MeetingId { get; set; }
    public Guid UnitId { get; set; }
    /// <summary>Số văn bản, e.g. "35-TB/ĐU".</summary>
    public string Number { get; set; } = "";
    public DateOnly NoticeDate { get; set; }
    /// <summary>Complex matters: the notice was due 15 working days after the meeting instead of 10.</summary>
    public bool Complex { get; set; }
    public int ItemCount { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
}

public enum ReminderKind { DueSoon, Overdue }

/// <summary>An e-mail reminder already sent for an item, so the hourly run never sends the same one twice.</summary>
public sealed class ReminderSent
{
    public Guid ItemId { get; set; }
    public ReminderKind Kind { get; set; }
    public string Recipients { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>An office reminder e-mail sent for a meeting's deadline after it (the chase, the notice): one per kind.</summary>
public sealed class OfficeReminderSent
{
    public Guid MeetingId { get; set; }
    /// <summary><see cref="AfterMeetingTimeline.Chase"/> or <see cref="AfterMeetingTimeline.Notice"/>.</summary>
    public string Milestone { get; set; } = "";
    public ReminderKind Kind { get; set; }
    public string Recipients { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class OfficeReminderSentMapping : IEntityTypeConfiguration<OfficeReminderSent>
{
    public void Configure(EntityTypeBuilder<OfficeReminderSent> r)
    {
        r.ToTable("OfficeRemindersSent");
        r.HasKey(x => new { x.MeetingId, x.Milestone, x.Kind });
        r.Property(x => x.Milestone).HasMaxLength(20);
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Recipients).HasMaxLength(2000);
        r.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpItemMapping : IEntityTypeConfiguration<FollowUpItem>
{
    public void Configure(EntityTypeBuilder<FollowUpItem> i)
    {
        i.ToTable("FollowUpItems");
        i.HasKey(x => x.Id);
        i.Property(x => x.Id).ValueGeneratedNever();
        // An opinion is followed once (it belongs to one meeting, whose notice is issued once).
        i.HasIndex(x => x.OpinionId).IsUnique();
        i.HasIndex(x => x.UnitId);
        i.HasIndex(x => x.DepartmentId);
        i.HasIndex(x => x.MeetingId);
        i.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        i.Property(x => x.MeetingTitle).HasMaxLength(500);
        i.Property(x => x.SubmitterName).HasMaxLength(Meeting.MaxNameLength);
        i.Property(x => x.SubmitterPlace).HasMaxLength(Meeting.MaxPlaceLength);
        i.Property(x => x.Content).HasMaxLength(Meeting.MaxContentLength);
        i.Property(x => x.DepartmentName).HasMaxLength(200);
        i.Property(x => x.StatusToken).HasMaxLength(64);
        i.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        i.Property(x => x.AnswerText).HasMaxLength(FollowUpItem.MaxAnswerLength);
        i.Property(x => x.AnswerReference).HasMaxLength(FollowUpItem.MaxReferenceLength);
        i.Property(x => x.AttachmentName).HasMaxLength(FollowUpFiles.MaxNameLength);
        i.Property(x => x.AttachmentPath).HasMaxLength(200);
        i.Property(x => x.RecordedBy).HasMaxLength(256);
        i.Ignore(x => x.AnsweredLate);
    }
}

internal sealed class IssuedNoticeMapping : IEntityTypeConfiguration<IssuedNotice>
{
    public void Configure(EntityTypeBuilder<IssuedNotice> n)
    {
        n.ToTable("IssuedNotices");
        // The meeting is the key: a second notice for the same meeting is refused by the database too.
        n.HasKey(x => x.MeetingId);
        n.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        n.Property(x => x.Number).HasMaxLength(IssuedNotice.MaxNumberLength);
        n.Property(x => x.IssuedBy).HasMaxLength(256);
        n.HasIndex(x => x.UnitId);
    }
}

internal sealed class ReminderSentMapping : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> r)
    {
        r.ToTable("FollowUpRemindersSent");
        r.HasKey(x => new { x.ItemId, x.Kind });
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Recipients).HasMaxLength(2000);
        r.HasOne<FollowUpItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
