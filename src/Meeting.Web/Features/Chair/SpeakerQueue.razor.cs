using DoiThoai.Domain;
using DoiThoai.Web.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DoiThoai.Web.Features.Chair;

public partial class SpeakerQueue
{
    private const int ShortContentLength = 140;

    private readonly HashSet<Guid> _expanded = [];
    private IReadOnlyList<SpeakRequest> _queue = [];
    private Dictionary<Guid, int> _positions = [];
    private HashSet<string> _spokenKeys = [];

    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter] public EventCallback OnCallNext { get; set; }
    /// <summary>Carries the queue version this list was drawn from, so a move made on a stale view is refused.</summary>
    [Parameter] public EventCallback<QueueMove> OnMove { get; set; }
    [Parameter] public EventCallback OnPriorityTurn { get; set; }

    private static readonly string MoveTopClass = PlainLook.Button(Variant.Outlined, Color.Default, "touch");
    private static readonly string MoveClass = PlainLook.OutlinedIconButton("touch");
    private static readonly MarkupString UpIcon = PlainLook.IconLabel(Icons.Material.Filled.ArrowUpward);
    private static readonly MarkupString DownIcon = PlainLook.IconLabel(Icons.Material.Filled.ArrowDownward);

    private bool IsLive => Meeting.Status == MeetingStatus.Live;

    /// <summary>The order can be prepared before the opening; after the closing it is history.</summary>
    private bool CanReorder => Meeting.Status != MeetingStatus.Ended;

    private bool CanCallNext => IsLive && Meeting.Floor.IsFree && _queue.Count > 0;

    private string? CallNextHint => Meeting.Status switch
    {
        MeetingStatus.Ended => "Hội nghị đã kết thúc.",
        not MeetingStatus.Live => "Hội nghị chưa khai mạc.",
        _ when !Meeting.Floor.IsFree => $"{Meeting.FloorHolderName()} đang có lượt. Kết thúc lượt này rồi mời người tiếp theo.",
        _ => null,
    };

    protected override void OnParametersSet()
    {
        _queue = Meeting.QueuedRequests();
        _positions = _queue.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _spokenKeys = ChairText.SpokenKeys(Meeting);
        _expanded.IntersectWith(_positions.Keys);
    }

    private int IndexOf(SpeakRequest request) => _positions.GetValueOrDefault(request.Id);

    private void ToggleExpanded(Guid id)
    {
        if (!_expanded.Remove(id)) _expanded.Add(id);
    }

    private Task MoveAsync(SpeakRequest request, int newIndex) =>
        OnMove.InvokeAsync(new QueueMove(request.Id, newIndex, Meeting.QueueVersion));

    private Guid? _dragged, _dropTarget;

    /// <summary>The card dragged takes the place of the one it is dropped on (the others keep their order).</summary>
    private async Task DroppedOnAsync(SpeakRequest target)
    {
        var dragged = _queue.FirstOrDefault(r => r.Id == _dragged);
        EndDrag();
        if (dragged is null || !CanReorder || dragged.Id == target.Id) return;
        await MoveAsync(dragged, IndexOf(target));
    }

    private void EndDrag() => (_dragged, _dropTarget) = (null, null);
}
