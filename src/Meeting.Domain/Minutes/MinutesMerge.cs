namespace DoiThoai.Domain;

/// <summary>The secretary's text of one section, and the generated text it was written over.</summary>
public sealed record MinutesEdit(string Key, string Text, string GeneratedBase, int Version, string EditedBy, DateTimeOffset EditedAt);

/// <summary>What the secretary sees for a section: the text, whether it is theirs, and generated lines added since.</summary>
public sealed record MinutesPart(MinutesSection Section, string Text, bool Edited, string? Additions, int Version);

/// <summary>
/// Edited text wins over generated text. When the meeting's record grows after an edit (an answer given, an outcome
/// set), the new lines are offered as additions to review — never written over what the secretary typed.
/// </summary>
public static class MinutesMerge
{
    public static MinutesPart Merge(MinutesSection section, MinutesEdit? edit) =>
        edit is null
            ? new(section, section.Generated, false, null, 0)
            : new(section, edit.Text, true, Additions(edit.GeneratedBase, section.Generated), edit.Version);

    public static IReadOnlyList<MinutesPart> Merge(IReadOnlyList<MinutesSection> sections, IEnumerable<MinutesEdit> edits)
    {
        var byKey = edits.ToDictionary(e => e.Key);
        return sections.Select(s => Merge(s, byKey.GetValueOrDefault(s.Key))).ToList();
    }

    /// <summary>Lines of the new generated text that the old one did not have; null when nothing is new.</summary>
    public static string? Additions(string oldGenerated, string newGenerated)
    {
        var old = Lines(oldGenerated).ToHashSet(StringComparer.Ordinal);
        var added = Lines(newGenerated).Where(l => !old.Contains(l)).ToList();
        return added.Count == 0 ? null : string.Join("\n", added);
    }

    /// <summary>The whole minutes as plain text, for search and for the documents.</summary>
    public static string ToText(IEnumerable<MinutesPart> parts) =>
        string.Join("\n", parts.SelectMany(p => p.Section.Heading.Length > 0 ? [p.Section.Heading, p.Text] : new[] { p.Text }));

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
