using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>
/// After the meeting's own rows were erased (in memory, by the domain), the text kept beside it goes the same way, in the
/// same command and transaction: journal lines, the secretary's minutes sections and the follow-up items' copies.
/// </summary>
public static class TracesBeside
{
    public static async Task ScrubAsync(CommandScope scope, ErasedTraces traces)
    {
        var meetingId = scope.Meeting.Id;
        var ct = scope.CancellationToken;

        // Lines journalled earlier in this batch are not stored yet: rewrite them where they wait.
        foreach (var added in scope.Db.ChangeTracker.Entries<JournalEntry>().Where(e => e.State == EntityState.Added && e.Entity.MeetingId == meetingId))
            added.Entity.Text = DoiThoai.Domain.PersonalData.Scrub(added.Entity.Text, added.Entity.SubjectId, traces);

        var subjects = traces.Subjects.Select(id => (Guid?)id).ToList();
        var lines = traces.SubjectsOnly
            ? scope.Db.Journal.AsNoTracking().Where(e => e.MeetingId == meetingId && subjects.Contains(e.SubjectId))
            : scope.Db.Journal.AsNoTracking().Where(e => e.MeetingId == meetingId);
        foreach (var line in await lines.ToListAsync(ct))
        {
            var text = DoiThoai.Domain.PersonalData.Scrub(line.Text, line.SubjectId, traces);
            if (text == line.Text) continue;
            line.Text = text;
            scope.Update(line);
        }

        foreach (var section in await scope.Db.Set<MinutesEntry>().AsNoTracking().Where(e => e.MeetingId == meetingId).ToListAsync(ct))
        {
            var own = MinutesKeys.IsSection(section.Key, out var number) && number is { } n && traces.OpinionNumbers.Contains(n);
            var text = own ? DoiThoai.Domain.PersonalData.ScrubOwn(section.Text, traces) : DoiThoai.Domain.PersonalData.Scrub(section.Text, null, traces);
            var generated = own ? DoiThoai.Domain.PersonalData.ScrubOwn(section.GeneratedBase, traces) : DoiThoai.Domain.PersonalData.Scrub(section.GeneratedBase, null, traces);
            if (text == section.Text && generated == section.GeneratedBase) continue;
            section.Text = text;
            section.GeneratedBase = generated;
            // A secretary still typing over the old text gets a conflict instead of writing the name back.
            section.Version++;
            scope.Update(section);
        }

        var opinionIds = traces.OpinionIds.ToList();
        if (opinionIds.Count == 0) return;
        foreach (var item in await scope.Db.Set<FollowUpItem>().AsNoTracking().Where(i => opinionIds.Contains(i.OpinionId)).ToListAsync(ct))
        {
            item.ErasePersonalData(traces);
            scope.Update(item);
        }
    }
}
