using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DoiThoai.Web.Features.CheckIn;

/// <summary>
/// The camera at the door: turns the device's camera on and off and hands each newly read QR text to the page. Reading
/// happens in the browser, so only the text crosses the circuit, never video.
/// </summary>
public sealed partial class CameraScanner : IAsyncDisposable
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>Checks in whoever the text names; true when someone was checked in (chooses the beep).</summary>
    [Parameter, EditorRequired] public Func<string, Task<bool>> OnScanned { get; set; } = default!;

    private ElementReference _video;
    private IJSObjectReference? _module;
    private DotNetObjectReference<CameraScanner>? _self;
    private bool _on;
    private string? _error;

    private async Task ToggleAsync()
    {
        _error = null;
        _on = !_on;
        try
        {
            if (!_on)
            {
                if (_module is not null) await _module.InvokeVoidAsync("stop");
                return;
            }
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "/lib/checkin-camera.js");
            _self ??= DotNetObjectReference.Create(this);
            // Returns at once: the permission prompt may stay open longer than an interop call may wait.
            await _module.InvokeVoidAsync("start", _video, _self);
        }
        catch (JSException)
        {
            OnCameraError("Không tải được phần quét camera. Tải lại trang rồi thử lại.");
        }
    }

    [JSInvokable]
    public async Task OnCodeScanned(string text)
    {
        var ok = await OnScanned(text);
        if (_module is not null) await _module.InvokeVoidAsync("beep", ok);
    }

    [JSInvokable]
    public void OnCameraError(string message)
    {
        _error = message;
        _on = false;
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("stop");
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its camera with it.
        }
        _self?.Dispose();
    }
}
