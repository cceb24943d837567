using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Delegates.Import;

public enum ImportRowStatus { New, Update, Unchanged, Invalid }

/// <summary>One person row of the file, as cleaned, with what importing it would do or why it is skipped.</summary>
/// <param name="Line">The row number the user sees in Excel / LibreOffice (1-based, title and blank rows counted).</param>
/// <param name="Group">The group as read (its Vietnamese label when understood).</param>
/// <param name="Draft">What will be imported; null when the row has problems.</param>
/// <param name="Problems">Each one "dòng N: …".</param>
public sealed record ImportRow(int Line, string Name, string Title, string Organization, string Group, string Phone,
    ImportRowStatus Status, DelegateDraft? Draft, IReadOnlyList<string> Problems);

/// <summary>What a file would change, shown before anything is written; or why the file cannot be read.</summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<ImportRow> Rows, string? Error = null)
{
    public static ImportPreview Failed(string fileName, string error) => new(fileName, [], error);

    public bool Ok => Error is null;

    public IEnumerable<string> Problems => Rows.SelectMany(r => r.Problems);

    /// <summary>The rows without problems, in file order: the batch the confirm button imports.</summary>
    public IReadOnlyList<DelegateDraft> Drafts => Rows.Where(r => r.Draft is not null).Select(r => r.Draft!).ToList();

    public int Count(ImportRowStatus status) => Rows.Count(r => r.Status == status);

    public string Summary =>
        $"{Rows.Count} dòng: {Count(ImportRowStatus.New)} thêm mới, {Count(ImportRowStatus.Update)} cập nhật, " +
        $"{Count(ImportRowStatus.Unchanged)} giữ nguyên, {Count(ImportRowStatus.Invalid)} dòng có lỗi sẽ bỏ qua";
}
