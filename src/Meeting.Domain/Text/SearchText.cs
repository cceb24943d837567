using System.Globalization;
using System.Text;

namespace DoiThoai.Domain;

/// <summary>Folds Vietnamese text so that "nguyen thi" matches "Nguyễn Thị" (composed or decomposed input alike).</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
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
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static bool Matches(string? haystack, string? query)
    {
        var q = Fold(query);
        return q.Length == 0 || Fold(haystack).Contains(q, StringComparison.Ordinal);
    }
}
