using System.Collections.Concurrent;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Live;

/// <summary>
/// A meeting's public code and a request's status token never change: once found, the phones that follow them cost
/// no query.
/// </summary>
public sealed class PublicCodes(IDbContextFactory<AppDb> dbFactory)
{
    private readonly ConcurrentDictionary<string, Guid> _known = new();
    private readonly ConcurrentDictionary<string, Guid> _tokens = new();

    /// <summary>The code as phones type or scan it: spaces around it and letter case do not matter.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public async Task<Guid?> FindAsync(string? code, CancellationToken ct = default)
    {
        var normalized = Normalize(code);
        if (normalized.Length is 0 or > 16) return null;
        if (_known.TryGetValue(normalized, out var id)) return id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Meetings.Where(m => m.PublicCode == normalized).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        if (found is { } meetingId) _known[normalized] = meetingId;
        return found;
    }

    /// <summary>Called by a meeting's writer with the tokens it has just stored or loaded.</summary>
    public void Remember(Guid meetingId, IEnumerable<string> tokens)
    {
        foreach (var token in tokens) _tokens[token] = meetingId;
    }

    /// <summary>The meeting a status token belongs to.</summary>
    public async Task<Guid?> MeetingOfTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        if (_tokens.TryGetValue(token, out var id)) return id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.SpeakRequests.Where(r => r.StatusToken == token).Select(r => (Guid?)r.MeetingId).FirstOrDefaultAsync(ct);
        if (found is { } meetingId) _tokens[token] = meetingId;
        return found;
    }
}
