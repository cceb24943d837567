using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;

namespace DoiThoai.Web.Features.Reception;

public partial class PaperForm
{
    public const string FieldRequired = "Vui lòng chọn lĩnh vực.";

    /// <summary>Villages and organizations of the plan, offered as the desk types.</summary>
    [Parameter] public IReadOnlyList<string> Places { get; set; } = [];

    /// <summary>Submits the slip; returns the refusal message, or null when it was registered.</summary>
    [Parameter, EditorRequired] public Func<SpeakRequestDraft, Task<string?>> OnSubmit { get; set; } = default!;

    private string? _name;
    private string? _place;
    private OpinionField? _field;
    private string? _content;
    private SpeakMode _mode = SpeakMode.Speak;
    private string? _error;
    private bool _busy;
    // One key per slip: a double click or a retry registers it once (the domain returns the same request).
    private string _idempotencyKey = NewKey();

    private Task<IEnumerable<string>> SearchPlacesAsync(string? text, CancellationToken ct) =>
        Task.FromResult(Places.Where(p => SearchText.Matches(p, text)));

    private async Task SubmitAsync()
    {
        if (_busy) return;
        if (_field is not { } field)
        {
            // Checked here because the draft needs a field; every other rule is the domain's.
            _error = string.IsNullOrWhiteSpace(_name) ? "Vui lòng nhập họ tên." : FieldRequired;
            return;
        }
        _busy = true;
        try
        {
            // "xom 1" typed without picking from the list becomes the plan's "Xóm 1": turns per village count as one.
            var place = Places.FirstOrDefault(p => SearchText.Fold(p) == SearchText.Fold(_place)) ?? _place ?? "";
            var draft = new SpeakRequestDraft(_name ?? "", place, field, _content ?? "", _mode, OpinionSource.Paper,
                IdempotencyKey: _idempotencyKey);
            _error = await OnSubmit(draft);
            if (_error is null) Clear();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Clear()
    {
        _name = _place = _content = null;
        _field = null;
        _mode = SpeakMode.Speak;
        _error = null;
        _idempotencyKey = NewKey();
    }

    private static string NewKey() => "paper-" + Guid.NewGuid().ToString("N");
}
