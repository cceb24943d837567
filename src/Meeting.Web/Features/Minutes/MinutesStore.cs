using DoiThoai.Domain;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Minutes;

/// <summary>The secretary's text of one section of the minutes. Version counts saves, for conflict detection.</summary>
public sealed class MinutesEntry
{
    public Guid MeetingId { get; set; }
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>The generated text this was written over: what appeared since is offered as additions.</summary>
    public string GeneratedBase { get; set; } = "";
    public int Version { get; set; }
    public string EditedBy { get; set; } = "";
    public DateTimeOffset EditedAt { get; set; }

    public MinutesEdit ToEdit() => new(Key, Text, GeneratedBase, Version, EditedBy, EditedAt);
}

internal sealed class MinutesEntryMapping : IEntityTypeConfiguration<MinutesEntry>
{
    public void Configure(EntityTypeBuilder<MinutesEntry> e)
    {
        e.ToTable("MinutesEntries");
        e.HasKey(x => new { x.MeetingId, x.Key });
        e.Property(x => x.Key).HasMaxLength(MinutesStore.MaxKeyLength);
        e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The minutes as the secretary sees them: generated from the meeting, with their edits kept beside it.</summary>
public sealed record MinutesSnapshot(Meeting Meeting, IReadOnlyList<MinutesPart> Parts, long Sequence);

public abstract record MinutesSaveResult
{
    public sealed record Saved(int Version, DateTimeOffset EditedAt) : MinutesSaveResult;
    /// <summary>Someone else saved this section since the base version: both texts go back to the one saving.</summary>
    public sealed record Conflict(string TheirText, int TheirVersion, string EditedBy, DateTimeOffset EditedAt) : MinutesSaveResult;
    public sealed record Refused(string Message) : MinutesSaveResult;
}

/// <summary>
/// Loads and saves the minutes. A save names the version it was typed over; a save over an older version is a
/// conflict, never a silent overwrite. The update is one conditional statement, so two saves at once cannot both win.
/// </summary>
public sealed class MinutesStore(IDbContextFactory<AppDb> dbFactory, TimeProvider clock)
{
    public const int MaxKeyLength = 40;
    public const int MaxTextLength = 20_000;

    /// <summary>The conclusion notice as issued (its number, date and deadline), for the documents that print it.</summary>
    public async Task<FollowUp.IssuedNotice?> IssuedNoticeAsync(Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<FollowUp.IssuedNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.MeetingId == meetingId, ct);
    }

    public async Task<MinutesSnapshot?> LoadAsync(Guid meetingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await db.LoadMeetingAsync(meetingId, tracking: false, ct);
        if (meeting is null) return null;
        var journal = await db.Journal.AsNoTracking().Where(e => e.MeetingId == meetingId).OrderBy(e => e.Sequence)
            .Select(e => new { e.Kind, e.Text, e.SubjectId, e.StaffOnly, e.Sequence }).ToListAsync(ct);
        var edits = await db.Set<MinutesEntry>().AsNoTracking().Where(e => e.MeetingId == meetingId).ToListAsync(ct);
        var sections = MinutesDraft.Build(meeting, journal.Select(e => new MeetingEvent(e.Kind, e.Text, e.SubjectId, e.StaffOnly)).ToList());
        return new(meeting, MinutesMerge.Merge(sections, edits.Select(e => e.ToEdit())), journal.Count == 0 ? 0 : journal[^1].Sequence);
    }

    public async Task<MinutesSaveResult> SaveAsync(Guid meetingId, string key, string? text, int baseVersion, string? generatedBase,
        string editedBy, CancellationToken ct = default)
    {
        // Only the sections the minutes have: the API must not become a store for anything a script sends.
        if (key is not { Length: > 0 and <= MaxKeyLength } || !MinutesKeys.IsSection(key, out var opinionNumber))
            return new MinutesSaveResult.Refused("Phần biên bản không hợp lệ.");
        var clean = (text ?? "").Replace("\r\n", "\n");
        if (clean.Length > MaxTextLength) return new MinutesSaveResult.Refused($"Mỗi phần biên bản tối đa {MaxTextLength:N0} ký tự.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct)) return new MinutesSaveResult.Refused("Không tìm thấy hội nghị này.");
        if (opinionNumber is { } number && !await db.Opinions.AnyAsync(o => o.MeetingId == meetingId && o.Number == number, ct))
            return new MinutesSaveResult.Refused($"Hội nghị không có ý kiến số {number}.");

        var now = clock.GetUtcNow();
        var entries = db.Set<MinutesEntry>();
        var updated = baseVersion == 0 ? 0 : await entries
            .Where(e => e.MeetingId == meetingId && e.Key == key && e.Version == baseVersion)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Text, clean)
                .SetProperty(e => e.GeneratedBase, e => generatedBase ?? e.GeneratedBase)
                .SetProperty(e => e.Version, baseVersion + 1)
                .SetProperty(e => e.EditedBy, editedBy)
                .SetProperty(e => e.EditedAt, now), ct);
        if (updated == 1) return new MinutesSaveResult.Saved(baseVersion + 1, now);
        if (baseVersion == 0)
        {
            entries.Add(new MinutesEntry { MeetingId = meetingId, Key = key, Text = clean, GeneratedBase = generatedBase ?? "", Version = 1, EditedBy = editedBy, EditedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
                return new MinutesSaveResult.Saved(1, now);
            }
            catch (DbUpdateException)
            {
                // Someone else saved the first version of this section a moment ago: report it as a conflict below.
            }
        }
        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
        var theirs = await fresh.Set<MinutesEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.MeetingId == meetingId && e.Key == key, ct);
        if (theirs is null) return new MinutesSaveResult.Refused("Phần này chưa được lưu lần nào; hãy tải lại trang.");
        return new MinutesSaveResult.Conflict(theirs.Text, theirs.Version, theirs.EditedBy, theirs.EditedAt);
    }
}
