using System.Globalization;
using System.Text;

namespace DoiThoai.Domain;

/// <summary>Folds Vietnamese text so that "nguyen thi" matches "Nguyễn Thị" (composed or decomposed input alike).</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = WellFormed(text).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            builder.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
            lastWasSpace = false;
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>Trims, folds runs of white space and composes (NFC) what a person typed.</summary>
    public static string Clean(string? text) =>
        string.Join(' ', WellFormed(text ?? "").Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Composes (NFC) and trims a longer text, keeping its line breaks; hostile characters dropped as in <see cref="Clean"/>.</summary>
    public static string CleanText(string? text) => WellFormed(text ?? "").Normalize(NormalizationForm.FormC).Trim();

    /// <summary>
    /// Drops what no person types and Unicode normalisation refuses: unpaired surrogates, non-characters (U+FFFE, U+FFFF,
    /// U+FDD0–U+FDEF…) and control characters other than white space. Hostile input becomes text, never an exception.
    /// </summary>
    public static string WellFormed(string text)
    {
        var clean = true;
        foreach (var c in text)
            if (char.IsSurrogate(c) || IsDropped(c)) { clean = false; break; }
        if (clean) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done
                && !IsDropped(rune))
                builder.Append(text, i, used);
            i += used;
        }
        return builder.ToString();
    }

    private static bool IsDropped(Rune rune) =>
        (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF
        || (Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune));

    private static bool IsDropped(char c) =>
        c is '\uFFFE' or '\uFFFF' or >= '\uFDD0' and <= '\uFDEF' || (char.IsControl(c) && !char.IsWhiteSpace(c));

    public static bool Matches(string? haystack, string? query)
    {
        var q = Fold(query);
        return q.Length == 0 || Fold(haystack).Contains(q, StringComparison.Ordinal);
    }
}
