using System.Security.Claims;
using System.Text.RegularExpressions;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Units;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.PersonalData;

public enum RecordKind { Request, Opinion, Delegate }

/// <summary>One thing the app holds about a person, as the page lists it and the export writes it.</summary>
public sealed record PersonRecord(RecordKind Kind, Guid Id, Guid MeetingId, string MeetingTitle, DateTimeOffset MeetingDate,
    int? Number, string Name, string Place, string? Phone, string Details, string Status, DateTimeOffset? At)
{
    public string KindText => Kind switch
    {
        RecordKind.Request => "Phiếu đăng ký phát biểu",
        RecordKind.Opinion => "Ý kiến, kiến nghị",
        _ => "Đại biểu (danh sách mời, điểm danh)",
    };
}

public sealed record PersonSearch(IReadOnlyList<PersonRecord> Records, string? Error)
{
    public static PersonSearch Refused(string error) => new([], error);
}

public sealed record EraseOutcome(int Requests, int Opinions, int Delegates, int Meetings, string? Error);

/// <summary>
/// Per-person export and erase (Law 91/2025/QH15, Decree 13/2023) for the office: find a person by name (diacritics
/// ignored) or phone number across the meetings of the units this staff member may see, hand over what is held as a
/// file, and erase it — every meeting through its own writer, so the seats, the journal and the live feed stay right.
/// </summary>
public sealed class PersonalDataService(IDbContextFactory<AppDb> dbFactory, UnitAccess units, MeetingCommands commands)
{
    public const string Roles = "Admin,Organizer";
    public const int MaxQueryLength = 100;
    public const string BadQuery = "Hãy nhập ít nhất 3 chữ cái của họ tên, hoặc số điện thoại (8–15 chữ số).";

    /// <summary>A name ("nguyen thi hanh") or a phone number ("0912 345 678", "+84912345678").</summary>
    public async Task<PersonSearch> SearchAsync(ClaimsPrincipal user, string? query, CancellationToken ct = default)
    {
        if (!user.IsInAny(Roles)) return PersonSearch.Refused(MeetingCommands.NoPermission);
        var text = SearchText.Clean(query);
        if (text.Length > MaxQueryLength) return PersonSearch.Refused($"Từ khóa tối đa {MaxQueryLength} ký tự.");
        var phone = PhoneKey(text);
        var folded = SearchText.Fold(text);
        if (phone is null && (Regex.IsMatch(text, @"^[\d\s.+()\-]+$") || folded.Count(char.IsLetter) < 3)) return PersonSearch.Refused(BadQuery);

        var visible = (await units.VisibleUnitsAsync(user, ct)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meetings = await db.Meetings.AsNoTracking().Where(m => visible.Contains(m.UnitId))
            .Select(m => new { m.Id, m.Title, m.ScheduledStart }).ToDictionaryAsync(m => m.Id, ct);
        var ids = meetings.Keys.ToList();
        bool Matches(string name, string? number) =>
            name != DoiThoai.Domain.PersonalData.Marker
            && (phone is not null ? PhoneKey(number) == phone : SearchText.Fold(name).Contains(folded, StringComparison.Ordinal));

        // SQLite cannot fold Vietnamese, so names are compared here; a phone number narrows the read in SQL first.
        var like = phone is null ? null : "%" + phone;
        var requestRows = db.SpeakRequests.AsNoTracking().Where(r => ids.Contains(r.MeetingId));
        if (like is not null) requestRows = requestRows.Where(r => r.Phone != null && EF.Functions.Like(r.Phone, like));
        var requests = (await requestRows.ToListAsync(ct)).Where(r => Matches(r.Name, r.Phone)).ToList();
        var ownOpinions = requests.Where(r => !r.IsFollowUp && r.OpinionId is not null).Select(r => r.OpinionId!.Value).ToHashSet();
        var ownList = ownOpinions.ToList();
        var opinionRows = db.Opinions.AsNoTracking().Where(o => ids.Contains(o.MeetingId));
        if (like is not null) opinionRows = opinionRows.Where(o => (o.SubmitterPhone != null && EF.Functions.Like(o.SubmitterPhone, like)) || ownList.Contains(o.Id));
        var opinions = (await opinionRows.ToListAsync(ct))
            .Where(o => Matches(o.SubmitterName, o.SubmitterPhone) || ownOpinions.Contains(o.Id)).ToDictionary(o => o.Id);
        var delegateRows = db.Delegates.AsNoTracking().Where(d => ids.Contains(d.MeetingId));
        if (like is not null) delegateRows = delegateRows.Where(d => d.Phone != null && EF.Functions.Like(d.Phone, like));
        var delegates = (await delegateRows.ToListAsync(ct)).Where(d => Matches(d.Name, d.Phone)).ToList();

        var records = new List<PersonRecord>();
        foreach (var r in requests)
        {
            var m = meetings[r.MeetingId];
            var opinion = r.OpinionId is { } oid ? opinions.GetValueOrDefault(oid) : null;
            // The request's own opinion is shown (and erased) with it, not as a second row.
            var details = opinion is null ? "" : r.IsFollowUp ? $"Trao đổi thêm về ý kiến số {opinion.Number}" : $"{opinion.Field.ToVietnamese()}: {opinion.Content}";
            records.Add(new(RecordKind.Request, r.Id, r.MeetingId, m.Title, m.ScheduledStart, r.Number, r.Name, r.Place, r.Phone,
                details, Meeting.Describe(r.Status), r.SubmittedAt));
        }
        foreach (var o in opinions.Values.Where(o => !ownOpinions.Contains(o.Id)))
        {
            var m = meetings[o.MeetingId];
            records.Add(new(RecordKind.Opinion, o.Id, o.MeetingId, m.Title, m.ScheduledStart, o.Number, o.SubmitterName, o.SubmitterPlace,
                o.SubmitterPhone, $"{o.Field.ToVietnamese()}: {o.Content}",
                o.Outcome == OpinionOutcome.None ? o.Source.ToVietnamese() : o.Outcome.ToVietnamese(), null));
        }
        foreach (var d in delegates)
        {
            var m = meetings[d.MeetingId];
            records.Add(new(RecordKind.Delegate, d.Id, d.MeetingId, m.Title, m.ScheduledStart, null, d.Name, d.Organization, d.Phone,
                string.Join(", ", new[] { d.Title, d.Group.ToVietnamese() }.Where(s => s.Length > 0)),
                d.IsPresent ? "Đã điểm danh" : "Chưa điểm danh", d.CheckedInAt));
        }
        return new(records.OrderByDescending(r => r.MeetingDate).ThenBy(r => r.Kind).ThenBy(r => r.Number).ToList(), null);
    }

    /// <summary>The chosen records as an .xlsx the person can read; null when the search was refused or nothing was chosen.</summary>
    public async Task<(byte[]? File, string? Error)> ExportAsync(ClaimsPrincipal user, string? query, IReadOnlyCollection<Guid>? chosen,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var found = await SearchAsync(user, query, ct);
        if (found.Error is { } error) return (null, error);
        var records = Chosen(found.Records, chosen);
        if (records.Count == 0) return (null, "Không có thông tin nào để tải về.");
        return (PersonalDataSheet.Build(records, SearchText.Clean(query), now), null);
    }

    /// <summary>
    /// Erases the chosen records (all found when none are named). The search runs again first, so only what this person
    /// may see and what still matches is touched; each meeting is one command, journalled without the name.
    /// </summary>
    public async Task<EraseOutcome> EraseAsync(ClaimsPrincipal user, string? query, IReadOnlyCollection<Guid>? chosen, CancellationToken ct = default)
    {
        var found = await SearchAsync(user, query, ct);
        if (found.Error is { } error) return new(0, 0, 0, 0, error);
        var records = Chosen(found.Records, chosen);
        if (records.Count == 0) return new(0, 0, 0, 0, "Không có thông tin nào để xóa.");
        int requests = 0, opinions = 0, delegates = 0, meetings = 0;
        var failures = new List<string>();
        foreach (var meeting in records.GroupBy(r => r.MeetingId))
        {
            List<Guid> Ids(RecordKind kind) => meeting.Where(r => r.Kind == kind).Select(r => r.Id).ToList();
            var result = await commands.RunAsync(meeting.Key, user, Roles, async scope =>
            {
                var traces = scope.Meeting.ErasePersonalData(Ids(RecordKind.Request), Ids(RecordKind.Opinion), Ids(RecordKind.Delegate), scope.Now);
                await TracesBeside.ScrubAsync(scope, traces);
                return traces;
            }, ct);
            if (result is { Ok: true, Value: { } traces })
            {
                requests += traces.Requests;
                opinions += traces.Opinions;
                delegates += traces.Delegates;
                meetings++;
            }
            else failures.Add($"{meeting.First().MeetingTitle}: {result.Error}");
        }
        return new(requests, opinions, delegates, meetings, failures.Count == 0 ? null : string.Join(" ", failures));
    }

    private static List<PersonRecord> Chosen(IReadOnlyList<PersonRecord> records, IReadOnlyCollection<Guid>? chosen) =>
        chosen is null ? records.ToList() : records.Where(r => chosen.Contains(r.Id)).ToList();

    /// <summary>The last nine digits: "0912 345 678", "+84 912 345 678" and "84912345678" are one number.</summary>
    public static string? PhoneKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Regex.IsMatch(text, @"^[\d\s.+()\-]+$")) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 8 and <= 15 ? digits[^Math.Min(9, digits.Length)..] : null;
    }
}
