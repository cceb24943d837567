using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Preparation.Opinions;
using Microsoft.AspNetCore.Components;

namespace DoiThoai.Web.Features.Projector;

/// <summary>
/// What the hall sees, computed from a meeting snapshot and the hall time only (no services): the kiosk page shows it
/// full screen, the chair and secretary see it as a thumbnail. Only public facts appear here: names, places, content —
/// never staff notes, phone numbers or reasons for rejection.
/// </summary>
public partial class ProjectorView
{
    /// <summary>The countdown turns amber for the last half minute.</summary>
    public const int WarningSeconds = 30;
    // Lines are clamped by CSS; this only keeps a 1,500-character opinion out of the page.
    private const int MaxContentChars = 500;
    /// <summary>Up to this many collected opinions stand still; more scroll slowly, round and round.</summary>
    public const int StillListMax = 4;
    private const int CollectedContentChars = 220;

    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter, EditorRequired] public DateTimeOffset Now { get; set; }
    [Parameter] public string RegisterUrl { get; set; } = "";
    [Parameter] public string QrSvg { get; set; } = "";
    /// <summary>The same screen inside a 16:9 box, for the staff control panel.</summary>
    [Parameter] public bool Thumbnail { get; set; }

    private enum Screen { Blank, Message, Welcome, Ended, Live }

    private enum Turn { Idle, Speaker, Answer, Focus, Collected }

    private Screen _screen;
    private Turn _turn;
    private string _label = "";
    private string? _name;
    private string? _place;
    private string? _asker;
    private string? _tag;
    private string? _content;
    private string? _answerer;
    private IReadOnlyList<SpeakRequest> _next = [];
    private IReadOnlyList<NumberedOpinion> _collected = [];

    protected override void OnParametersSet()
    {
        _screen = Meeting.ProjectorMode switch
        {
            ProjectorMode.Blank => Screen.Blank,
            ProjectorMode.Message => Screen.Message,
            _ => Meeting.Status switch
            {
                MeetingStatus.Draft or MeetingStatus.Announced => Screen.Welcome,
                MeetingStatus.Ended => Screen.Ended,
                _ => Screen.Live,
            },
        };
        if (_screen == Screen.Live) ReadFloor();
    }

    private void ReadFloor()
    {
        _name = _place = _asker = _tag = _content = _answerer = null;
        _collected = [];
        _next = Meeting.QueuedRequests().Take(3).ToList();
        var floor = Meeting.Floor;
        var opinion = floor.IsFree ? Meeting.FocusOpinion : FindOpinion(floor.OpinionId);
        switch (floor.Kind)
        {
            case FloorKind.Speaker when Meeting.FloorSpeaker is { } speaker:
                _turn = Turn.Speaker;
                _label = speaker.Status == SpeakRequestStatus.Called ? "Xin mời" : "Đang phát biểu";
                _name = speaker.Name;
                _place = speaker.Place.Length > 0 ? speaker.Place : speaker.IsPriority ? speaker.PriorityReason : null;
                if (speaker.IsFollowUp && opinion is not null) _tag = $"Trao đổi thêm về ý kiến số {opinion.Number}";
                _content = Clip(opinion?.Content);
                _answerer = LeadOf(opinion);
                break;
            case FloorKind.Department or FloorKind.Chair:
                _turn = Turn.Answer;
                _label = "Đang trả lời";
                _answerer = floor.Kind == FloorKind.Chair ? "Chủ trì trả lời" : Meeting.FloorAssignment?.DepartmentName;
                _asker = AskerOf(opinion);
                _content = Clip(opinion?.Content);
                break;
            case FloorKind.None when Meeting.CurrentStep?.ReportsCollectedAnswers == true && CollectedToShow() is { Count: > 0 } collected:
                // Step 4 reads the answers prepared before the meeting: the hall follows them on the screen.
                _turn = Turn.Collected;
                _collected = collected;
                break;
            default:
                _turn = opinion is null ? Turn.Idle : Turn.Focus;
                _label = opinion is null ? "" : $"Ý kiến số {opinion.Number}";
                _asker = AskerOf(opinion);
                _content = Clip(opinion?.Content);
                _answerer = LeadOf(opinion);
                break;
        }
    }

    /// <summary>Numbered as the answer report (Mẫu 6) numbers them; complaints and denunciations are never put on the screen.</summary>
    private IReadOnlyList<NumberedOpinion> CollectedToShow() =>
        CollectedReports.Numbered(Meeting).Where(n => !n.Opinion.IsPetition).ToList();

    private bool ScrollsCollected => _collected.Count > StillListMax;

    /// <summary>About five seconds an opinion: slow enough to read from the back of the hall.</summary>
    private string CollectedScrollStyle => $"--collected-seconds: {_collected.Count * 5}s";

    private static string CollectedWho(Opinion o) => o.SubmitterPlace.Length > 0 ? $"{o.SubmitterName} ({o.SubmitterPlace})" : o.SubmitterName;

    private static string ClipCollected(string text) =>
        text.Length <= CollectedContentChars ? text : text[..CollectedContentChars].TrimEnd() + "…";

    private Opinion? FindOpinion(Guid? id) => id is { } value ? Meeting.Opinions.FirstOrDefault(o => o.Id == value) : null;

    private static string? LeadOf(Opinion? opinion) =>
        opinion?.LeadAssignment is { } lead ? $"Dự kiến trả lời: {lead.DepartmentName}" : null;

    private static string? AskerOf(Opinion? opinion) => opinion is null ? null
        : opinion.SubmitterPlace.Length > 0 ? $"Ý kiến của {opinion.SubmitterName} ({opinion.SubmitterPlace})"
        : $"Ý kiến của {opinion.SubmitterName}";

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= MaxContentChars ? text : text[..MaxContentChars].TrimEnd() + "…";

    private bool ShowsCountdown => _turn is Turn.Speaker or Turn.Answer;

    private int Remaining => Meeting.Floor.Timer.RemainingSeconds(Now);

    private bool IsOvertime => Remaining < 0;

    /// <summary>"2:10" while time is left; "+0:15" past the limit (with "quá giờ" beside it). Nobody is cut off.</summary>
    private string CountdownText => Clock.Countdown(Remaining);

    private string CountdownClass => IsOvertime ? "overtime" : Remaining <= WarningSeconds ? "warning" : "normal";

    private string? TimerState => Meeting.Floor.Timer.IsRunning ? null
        : Meeting.Floor.Timer.HasStarted ? "Tạm dừng" : "Chưa bắt đầu tính giờ";

    private string ScheduleText =>
        Clock.ToHallTime(Meeting.ScheduledStart).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    // Longer messages get smaller type so that 200 characters still fit without scrolling.
    private string MessageSize => (Meeting.ProjectorMessage?.Length ?? 0) switch
    {
        <= 60 => "short",
        <= 120 => "medium",
        _ => "long",
    };

    // A long name ("Nguyễn Thị Thanh Hương Giang", "Trung tâm phục vụ hành chính công") gets smaller type, not an ellipsis.
    private static string HolderSize(string? name) => (name?.Length ?? 0) > 20 ? "long" : "";

    private string RootClass => $"projector {(Thumbnail ? "thumb" : "full")} screen-{_screen.ToString().ToLowerInvariant()}";
}
