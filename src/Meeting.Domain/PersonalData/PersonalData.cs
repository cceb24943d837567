using System.Text.RegularExpressions;

namespace DoiThoai.Domain;

/// <summary>
/// Erasing a person (Law 91/2025/QH15, Decree 13/2023): their name, place, phone and words become <see cref="Marker"/>;
/// rows, numbers and statuses stay, so every count and report still adds up.
/// </summary>
public static class PersonalData
{
    public const string Marker = "(đã xóa theo yêu cầu)";
    public const string ErasedEventText = "Xóa thông tin cá nhân theo yêu cầu";

    /// <summary>
    /// Rewrites one journal line or text: inside a line about an erased record every trace goes; elsewhere only the
    /// distinctive ones (names, phones, words) and only when the erase was meant for the whole meeting (staff).
    /// Places ("Thôn Đông") are shared by many people, so they go only from lines about the record itself.
    /// </summary>
    public static string Scrub(string text, Guid? subjectId, ErasedTraces traces)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var own = subjectId is { } id && traces.Subjects.Contains(id);
        if (!own && traces.SubjectsOnly) return text;
        var patterns = own ? traces.Distinctive.Concat(traces.Places) : traces.Distinctive;
        // Longest first: "Nguyễn Văn An" goes before a shorter trace could cut it in half.
        foreach (var trace in patterns.Where(t => t.Length > 0).Distinct().OrderByDescending(t => t.Length))
            text = Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(trace)}(?![\p{{L}}\p{{N}}])", Marker,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        // "Marker (Marker)" and "Marker, Marker" read as one marker: the line says a person was there, no more.
        return text.Replace($"({Marker})", Marker).Replace($"{Marker} {Marker}", Marker).Replace($"{Marker}, {Marker}", Marker);
    }

    /// <summary>Text scrubbed as a line about the erased records (a minutes section of an erased opinion).</summary>
    public static string ScrubOwn(string text, ErasedTraces traces) =>
        traces.Subjects.Count == 0 ? text : Scrub(text, traces.Subjects.First(), traces);
}

/// <summary>What an erase took away, so the text kept beside the meeting (journal, minutes, follow-up) can lose it too.</summary>
public sealed class ErasedTraces
{
    /// <summary>Names, phone numbers and contents: specific enough to remove wherever they appear.</summary>
    public HashSet<string> Distinctive { get; } = [];
    /// <summary>Villages and organizations: removed only from text about the erased records.</summary>
    public HashSet<string> Places { get; } = [];
    /// <summary>Ids of the erased requests, opinions, assignments and delegates (journal lines name them as subject).</summary>
    public HashSet<Guid> Subjects { get; } = [];
    /// <summary>Opinion numbers whose minutes sections are theirs.</summary>
    public HashSet<int> OpinionNumbers { get; } = [];
    /// <summary>Opinions whose follow-up items carry their copy of the name and words.</summary>
    public HashSet<Guid> OpinionIds { get; } = [];
    /// <summary>A citizen's own erase touches only lines about their request, never another person's namesake.</summary>
    public bool SubjectsOnly { get; init; }
    public int Requests { get; internal set; }
    public int Opinions { get; internal set; }
    public int Delegates { get; internal set; }

    public bool IsEmpty => Requests + Opinions + Delegates == 0;

    public void AddDistinctive(string? text)
    {
        // Very short words ("An", "Ba") would wipe unrelated text; they stay only in the rows erased directly.
        if (text is { Length: >= 4 }) Distinctive.Add(text);
    }

    public void AddPlace(string? place)
    {
        if (!string.IsNullOrWhiteSpace(place)) Places.Add(place);
    }
}
