using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Preparation.Opinions;

public enum OpinionRowStatus { New, AlreadyCollected, Repeated, Invalid }

/// <summary>One opinion row of the sheet as read and cleaned, with what importing it would do or why it is skipped.</summary>
/// <param name="Line">The row number the user sees in Excel (1-based, title and blank rows counted).</param>
/// <param name="Draft">What will be imported; null when the row has problems.</param>
/// <param name="Problems">Each one "dòng N: …".</param>
public sealed record OpinionSheetRow(int Line, string Name, string Place, string Field, string Content, string Channel, string ReceivedOn,
    OpinionRowStatus Status, CollectedOpinionDraft? Draft, IReadOnlyList<string> Problems);

/// <summary>What a file would add, shown before anything is written; or why the file cannot be read.</summary>
public sealed record OpinionSheetPreview(string FileName, IReadOnlyList<OpinionSheetRow> Rows, string? Error = null)
{
    public static OpinionSheetPreview Failed(string fileName, string error) => new(fileName, [], error);

    public bool Ok => Error is null;

    public IEnumerable<string> Problems => Rows.SelectMany(r => r.Problems);

    /// <summary>The new rows without problems, in file order: the batch the confirm button imports.</summary>
    public IReadOnlyList<CollectedOpinionDraft> Drafts => Rows.Where(r => r.Status == OpinionRowStatus.New).Select(r => r.Draft!).ToList();

    public int Count(OpinionRowStatus status) => Rows.Count(r => r.Status == status);

    public string Summary =>
        $"{Rows.Count} dòng: {Count(OpinionRowStatus.New)} ý kiến mới, {Count(OpinionRowStatus.AlreadyCollected)} đã có, "
        + $"{Count(OpinionRowStatus.Repeated)} trùng dòng trên, {Count(OpinionRowStatus.Invalid)} dòng có lỗi sẽ bỏ qua";
}
