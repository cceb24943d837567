using System.Text.RegularExpressions;

namespace DoiThoai.LoadTool;

/// <summary>The name a phone submits ("Tải 000123"), which the staff feed echoes in "Phiếu số N: Tải 000123 …".</summary>
public static partial class Markers
{
    public static string Name(int index) => $"Tải {index:D6}";

    public static int? Parse(string? text)
    {
        if (text is null) return null;
        var match = MarkerPattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"Tải (\d{6})")]
    private static partial Regex MarkerPattern();
}
