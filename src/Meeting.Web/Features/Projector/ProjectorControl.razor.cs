using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace DoiThoai.Web.Features.Projector;

public partial class ProjectorControl
{
    public const int MaxMessageLength = 200;

    [Inject] private MeetingCommands Commands { get; set; } = default!;
    [Inject] private ProjectorLinks Links { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<DoiThoaiOptions> Options { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter, EditorRequired] public DateTimeOffset Now { get; set; }
    /// <summary>From <see cref="QrCodes.ForMeeting"/>; worked out here when the page passes none.</summary>
    [Parameter] public string? RegisterUrl { get; set; }
    [Parameter] public string? QrSvg { get; set; }
    /// <summary>Whether to show the live thumbnail of the hall's screen.</summary>
    [Parameter] public bool Thumbnail { get; set; } = true;

    private const string KioskLabel = "Liên kết màn chiếu (mở trên máy tính nối máy chiếu)";

    private string? _message;
    private bool _busy;
    private RegisterLink? _fallback;

    private string EffectiveRegisterUrl => string.IsNullOrEmpty(RegisterUrl) ? Fallback.Url : RegisterUrl;
    private string EffectiveQrSvg => string.IsNullOrEmpty(QrSvg) ? Fallback.QrSvg : QrSvg;
    private RegisterLink Fallback => _fallback ??= QrCodes.ForMeeting(Navigation, Options, Meeting.PublicCode);

    /// <summary>Absolute, on the public address when one is configured: it is opened on another computer.</summary>
    private string KioskUrl
    {
        get
        {
            // Signed once per link version: the page re-renders every second, and a fresh signature each time would
            // change the box's text (and send it to the tablet) every second.
            if (_kiosk is not { } kiosk || kiosk.Version != Meeting.ProjectorLinkVersion)
                _kiosk = kiosk = (Meeting.ProjectorLinkVersion, QrCodes.BaseUrl(Navigation, Options.Value) + Links.PathFor(Meeting.Id, Meeting.ProjectorLinkVersion));
            return kiosk.Url;
        }
    }

    private (int Version, string Url)? _kiosk;
    private bool _confirmRenew;

    private string ModeLabel => Meeting.ProjectorMode switch
    {
        ProjectorMode.Message => "Đang hiện thông báo",
        ProjectorMode.Blank => "Đang tắt",
        _ => "Theo diễn biến",
    };

    private Color ModeColor => Meeting.ProjectorMode switch
    {
        ProjectorMode.Message => Color.Secondary,
        ProjectorMode.Blank => Color.Dark,
        _ => Color.Success,
    };

    protected override void OnParametersSet()
    {
        // Start from the message on screen, once; later edits belong to whoever is typing.
        _message ??= Meeting.ProjectorMessage;
    }

    private Variant VariantFor(ProjectorMode mode) => Meeting.ProjectorMode == mode ? Variant.Filled : Variant.Outlined;

    private async Task SetModeAsync(ProjectorMode mode)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var user = AuthState is null ? null : (await AuthState).User;
            var message = mode == ProjectorMode.Message ? _message : null;
            var result = await Commands.RunAsync(Meeting.Id, user, StaffRoles.ProjectorControl,
                (m, _) => m.SetProjector(mode, message));
            if (!result.Ok) Snackbar.Add(result.Error ?? MeetingCommands.SaveFailed, Severity.Warning);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Two taps: the first asks, the second ends every earlier link (an open projector shows "không hợp lệ").</summary>
    private async Task RenewLinkAsync()
    {
        if (!_confirmRenew)
        {
            _confirmRenew = true;
            return;
        }
        _confirmRenew = false;
        var user = AuthState is null ? null : (await AuthState).User;
        var result = await Commands.RunAsync(Meeting.Id, user, StaffRoles.ProjectorControl, (m, now) => m.RenewProjectorLink(now));
        Snackbar.Add(result.Ok ? "Đã đổi liên kết màn chiếu. Mở liên kết mới trên máy tính nối máy chiếu." : result.Error ?? MeetingCommands.SaveFailed,
            result.Ok ? Severity.Success : Severity.Warning);
    }

    private async Task CopyKioskLinkAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", KioskUrl);
            Snackbar.Add("Đã sao chép liên kết màn chiếu.", Severity.Success);
        }
        catch (JSException)
        {
            // The clipboard API needs https or localhost; on the hall's plain-http network it is missing.
            Snackbar.Add("Trình duyệt không cho sao chép tự động. Hãy chọn liên kết trong ô rồi sao chép.", Severity.Info);
        }
    }
}
