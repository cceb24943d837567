namespace DoiThoai.Domain;

/// <summary>One person as read from an imported list or typed into the form, before it is on the list.</summary>
public sealed record DelegateDraft(string Name, string Title, string Organization, DelegateGroup Group, string? Phone = null);

public sealed record DelegateImportResult(int Added, int Updated, int Unchanged)
{
    public string ToVietnamese() => $"thêm mới {Added}, cập nhật {Updated}, giữ nguyên {Unchanged}.";
}
