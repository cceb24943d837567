using System.Text.RegularExpressions;
using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Minutes;

/// <summary>
/// One part of the minutes as the editor page renders it. The page also renders an empty one as a template, which
/// minutes-editor.js clones for sections that appear later (a new opinion), so both share one markup.
/// </summary>
public sealed record MinutesEditorPart(string Key, string Heading, string Text, string Generated, bool Edited, string? Additions,
    int Version, bool SecretaryWrites, IReadOnlyList<StaffNote> Notes)
{
    public static readonly MinutesEditorPart Template = new("", "", "", "", false, null, 0, false, []);

    public static MinutesEditorPart From(MinutesPart part, Meeting meeting)
    {
        var number = OpinionNumber(part.Section.Key);
        // Notes on the opinion go under its summary box only, so they are not listed twice.
        var notes = number is { } n && part.Section.Key == MinutesKeys.Opinion(n)
            ? meeting.Opinions.FirstOrDefault(o => o.Number == n)?.Notes.OrderBy(x => x.At).ToList() ?? []
            : [];
        return new(part.Section.Key, part.Section.Heading, part.Text, part.Section.Generated, part.Edited, part.Additions,
            part.Version, part.Section.SecretaryWrites, notes);
    }

    /// <summary>Mirrors label() in minutes-editor.js.</summary>
    public string Label => Key switch
    {
        MinutesKeys.Opening => "Mở đầu",
        MinutesKeys.Closing => "Kết thúc",
        _ when Regex.Match(Key, @"^(opinion|answer)-(\d+)$") is { Success: true } m => m.Groups[2].Value == "0"
            ? "Ý kiến phát biểu"
            : m.Groups[1].Value == "opinion" ? $"Tóm tắt ý kiến số {m.Groups[2].Value}" : $"Trả lời ý kiến số {m.Groups[2].Value}",
        _ => "",
    };

    /// <summary>The chair's note goes with an opinion (its summary or its answer), so only those boxes have one.</summary>
    public bool HasNote => OpinionNumber(Key) is > 0;

    private static int? OpinionNumber(string key) => MinutesEndpoints.OpinionNumber(key);
}
