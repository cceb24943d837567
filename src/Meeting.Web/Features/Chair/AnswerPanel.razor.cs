using DoiThoai.Domain;
using DoiThoai.Web.Components;
using Microsoft.AspNetCore.Components;

namespace DoiThoai.Web.Features.Chair;

public partial class AnswerPanel
{
    private static readonly (OpinionOutcome Outcome, string TestId, string Label)[] Outcomes =
    [
        (OpinionOutcome.AnsweredAtMeeting, "outcome-answered", "Đã trả lời tại hội nghị"),
        (OpinionOutcome.AnswerInWriting, "outcome-written", "Trả lời bằng văn bản"),
        (OpinionOutcome.ForwardedToLevelAbove, "outcome-forwarded", "Chuyển cấp trên"),
        (OpinionOutcome.NotedOutOfTopic, "outcome-outoftopic", "Ngoài nội dung (ghi nhận)"),
    ];

    private Guid? _pickedId;
    private Guid? _lastFocusId;
    private Guid? _lastTargetId;
    /// <summary>The department chips are open: they take half the tablet's height, so only while the chair picks.</summary>
    private bool _picking;
    private DepartmentAssignment? _awaitedAssignment;
    /// <summary>The opinion whose whole text the chair opened (three lines otherwise).</summary>
    private Guid? _contentOpenFor;
    /// <summary>Longer than this, the opinion's text shows its start and opens on a tap.</summary>
    private const int ShortContentLength = 150;

    [Parameter, EditorRequired] public Meeting Meeting { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<Department> Departments { get; set; } = [];
    [Parameter] public EventCallback<Guid> OnAnswerByChair { get; set; }
    [Parameter] public EventCallback<DepartmentAssignment> OnAssign { get; set; }
    [Parameter] public EventCallback<Guid> OnCallDepartment { get; set; }
    [Parameter] public EventCallback<OutcomeChoice> OnOutcome { get; set; }
    [Parameter] public EventCallback<Guid> OnFollowUp { get; set; }
    /// <summary>The answer-summary box under the outcomes, for the opinion shown (the page supplies it: it saves by itself).</summary>
    [Parameter] public RenderFragment<Opinion>? AnswerSummary { get; set; }

    /// <summary>The opinion the chair picked from the list, while it still waits; otherwise the one in focus.</summary>
    private Opinion? Target =>
        _pickedId is { } id && Meeting.Opinions.FirstOrDefault(o => o.Id == id) is { IsOpen: true, Outcome: OpinionOutcome.None } picked
            ? picked
            : Meeting.FocusOpinion;

    private IReadOnlyList<Opinion> Pending { get; set; } = [];

    private bool CanTakeFloor => Meeting.Status == MeetingStatus.Live && Meeting.Floor.IsFree;

    protected override void OnParametersSet()
    {
        // A new opinion in focus (the next speaker, a department called) wins over an earlier pick.
        if (Meeting.FocusOpinionId != _lastFocusId)
        {
            _lastFocusId = Meeting.FocusOpinionId;
            _pickedId = null;
        }
        var targetId = Target?.Id;
        ClosePickerOnNewTarget();
        ClosePickerOnceAssigned();
        Pending = ChairText.SpokenWithoutOutcome(Meeting).Where(o => o.Id != targetId).ToList();
    }

    // The outcome already recorded shows outlined, the others filled; "answered at the meeting" is the green one.
    private static string OutcomeClass(OpinionOutcome outcome, OpinionOutcome seen) => PlainLook.Button(
        outcome == seen ? MudBlazor.Variant.Outlined : MudBlazor.Variant.Filled,
        outcome == OpinionOutcome.AnsweredAtMeeting ? MudBlazor.Color.Success : MudBlazor.Color.Default, "touch outcome");

    // The chips close once the meeting holds the assignment; a refused one (another seat named a lead meanwhile) leaves
    // them open with the chair's picks.
    private Task AssignAsync(DepartmentAssignment assignment)
    {
        _awaitedAssignment = assignment;
        return OnAssign.InvokeAsync(assignment);
    }

    private void ClosePickerOnceAssigned()
    {
        if (_awaitedAssignment is not { } awaited || Target is not { } opinion || opinion.Id != awaited.OpinionId) return;
        if (!awaited.Departments.All(d => opinion.Assignments.Any(a => a.DepartmentId == d.Id))) return;
        _awaitedAssignment = null;
        _picking = false;
    }

    private void ToggleContent(Guid opinionId) => _contentOpenFor = _contentOpenFor == opinionId ? null : opinionId;

    private void Pick(Guid opinionId)
    {
        _pickedId = opinionId;
        ClosePickerOnNewTarget();
        Pending = ChairText.SpokenWithoutOutcome(Meeting).Where(o => o.Id != opinionId).ToList();
    }

    private void BackToFocus()
    {
        _pickedId = null;
        ClosePickerOnNewTarget();
        Pending = ChairText.SpokenWithoutOutcome(Meeting).Where(o => o.Id != Meeting.FocusOpinionId).ToList();
    }

    // Chips opened for one opinion never stay open over the next one.
    private void ClosePickerOnNewTarget()
    {
        var targetId = Target?.Id;
        if (targetId == _lastTargetId) return;
        _lastTargetId = targetId;
        _picking = false;
        _awaitedAssignment = null;
    }
}
