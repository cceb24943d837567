using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DoiThoai.Web.Features.PersonalData;

public partial class PersonalDataPage
{
    private string _query = "";
    private string? _searched, _error, _done;
    private IReadOnlyList<PersonRecord> _records = [];
    private readonly HashSet<Guid> _chosen = [];
    private bool _busy, _confirming;

    [Inject] private PersonalDataService Service { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string ExportLink => PersonalDataEndpoints.ExportPath(_searched ?? "", _records.Where(r => _chosen.Contains(r.Id)).Select(r => r.Id));

    private async Task SearchAsync()
    {
        _done = null;
        await LoadAsync(_query);
    }

    private async Task LoadAsync(string query)
    {
        _busy = true;
        _confirming = false;
        try
        {
            var found = await Service.SearchAsync((await AuthState).User, query);
            _error = found.Error;
            _searched = found.Error is null ? DoiThoai.Domain.SearchText.Clean(query) : null;
            _records = found.Records;
            _chosen.Clear();
            // Everything found is chosen: a namesake is taken out by hand before exporting or erasing.
            foreach (var r in _records) _chosen.Add(r.Id);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Toggle(Guid id, ChangeEventArgs e)
    {
        if (e.Value is true) _chosen.Add(id); else _chosen.Remove(id);
        _confirming = false;
    }

    private void ToggleAll(ChangeEventArgs e)
    {
        _chosen.Clear();
        if (e.Value is true) foreach (var r in _records) _chosen.Add(r.Id);
        _confirming = false;
    }

    private async Task EraseAsync()
    {
        if (_searched is null || _chosen.Count == 0) return;
        _busy = true;
        try
        {
            var outcome = await Service.EraseAsync((await AuthState).User, _searched, _chosen.ToList());
            var searched = _searched;
            await LoadAsync(searched);
            _error = outcome.Error;
            _done = outcome.Requests + outcome.Opinions + outcome.Delegates == 0 ? null
                : $"Đã xóa thông tin cá nhân: {outcome.Requests} phiếu đăng ký, {outcome.Opinions} ý kiến, {outcome.Delegates} mục đại biểu trong {outcome.Meetings} hội nghị.";
        }
        finally
        {
            _busy = false;
            _confirming = false;
        }
    }
}
