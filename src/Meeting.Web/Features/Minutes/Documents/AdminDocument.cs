namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// A Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, and the Party's Hướng dẫn 36 for a Party body) as
/// plain blocks: its text is written once here and drawn twice, as .docx (<see cref="AdminDocx"/>) and as a print page.
/// </summary>
public sealed record AdminDocument(
    string FileName,
    DocumentHeader Header,
    string Kind,
    string Summary,
    IReadOnlyList<DocParagraph> Body,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<Signature> Signatures)
{
    /// <summary>The document's name for the file properties and the browser tab.</summary>
    public string Title => Kind.Length == 0 ? Summary : $"{Kind} {Summary}";
}

/// <summary>
/// The two-column header. Left: the issuing body (a Party body under its parent committee, then "*"), the number.
/// Right: the Party title or the national title and motto (the last line underlined), then the place and date.
/// </summary>
public sealed record DocumentHeader(
    string? ParentBody,
    IReadOnlyList<string> Body,
    bool Party,
    string Number,
    IReadOnlyList<string> Motto,
    string PlaceDate);

public sealed record DocRun(string Text, bool Bold = false, bool Italic = false);

/// <summary>A justified body paragraph with a first-line indent; a heading is bold.</summary>
public sealed record DocParagraph(IReadOnlyList<DocRun> Runs, bool Heading = false)
{
    public static DocParagraph Plain(string text) => new([new DocRun(text)]);
    public static DocParagraph Head(string text) => new([new DocRun(text, Bold: true)], Heading: true);

    public string Text => string.Concat(Runs.Select(r => r.Text));
}

/// <summary>
/// A signature block: who signs on whose behalf ("T/M ĐẢNG ỦY", "BÍ THƯ"), the hint in brackets, room for the
/// signature and seal, then the name (blank when the office writes it by hand).
/// </summary>
public sealed record Signature(IReadOnlyList<string> Authority, string? Hint, string Name);
