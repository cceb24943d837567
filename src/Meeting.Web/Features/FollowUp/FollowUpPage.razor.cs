using DoiThoai.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DoiThoai.Web.Features.FollowUp;

public partial class FollowUpPage
{
    /// <summary>"" for all, else a <see cref="FollowUpState"/> name.</summary>
    private static readonly (string State, string Label)[] StateFilters =
    [
        ("", "Tất cả"),
        (nameof(FollowUpState.Overdue), FollowUpItem.ToVietnamese(FollowUpState.Overdue)),
        (nameof(FollowUpState.NotAnswered), FollowUpItem.ToVietnamese(FollowUpState.NotAnswered)),
        (nameof(FollowUpState.InProgress), FollowUpItem.ToVietnamese(FollowUpState.InProgress)),
        (nameof(FollowUpState.Answered), FollowUpItem.ToVietnamese(FollowUpState.Answered)),
    ];

    private FollowUpList? _list;
    private Guid _meeting, _department;
    private string _state = "";
    private string? _search;

    [Inject] private FollowUpService FollowUps { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    /// <summary>?hoiNghi={id}: opened from a meeting (the secretary's page), showing that meeting's items.</summary>
    [SupplyParameterFromQuery(Name = "hoiNghi")] public Guid? MeetingQuery { get; set; }
    /// <summary>?trangThai=Overdue etc.</summary>
    [SupplyParameterFromQuery(Name = "trangThai")] public string? StateQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _meeting = MeetingQuery ?? Guid.Empty;
        _state = StateFilters.Any(f => f.State == StateQuery) ? StateQuery! : "";
        _list = await FollowUps.ListAsync((await AuthState).User);
    }

    private static string ScopeText(FollowUpList list) =>
        list.Department is { } department ? $"Các ý kiến giao {department} chủ trì trả lời, ở mọi hội nghị — việc gấp nhất ở trên cùng."
        : list.CanAnswer ? "Tất cả các ý kiến đang theo dõi của đơn vị — việc gấp nhất ở trên cùng."
        : "Tất cả các ý kiến đang theo dõi của đơn vị.";

    private IEnumerable<FollowUpItem> Filtered(FollowUpList list) =>
        list.Items.Where(i =>
            (_meeting == Guid.Empty || i.MeetingId == _meeting)
            && (_department == Guid.Empty || i.DepartmentId == _department)
            && (_state.Length == 0 || i.StateOn(list.Today).ToString() == _state)
            && SearchText.Matches($"{i.SubmitterName} {i.SubmitterPlace} {i.Content} {i.DepartmentName} {i.MeetingTitle} {i.AnswerReference} Ý kiến số {i.OpinionNumber}", _search));

    private static IEnumerable<(Guid Id, string Title)> Meetings(FollowUpList list) =>
        list.Items.GroupBy(i => i.MeetingId).Select(g => (g.Key, g.First().MeetingTitle)).OrderBy(m => m.Item2, StringComparer.Ordinal);

    private static IEnumerable<(Guid Id, string Name)> Departments(FollowUpList list) =>
        list.Items.GroupBy(i => i.DepartmentId).Select(g => (g.Key, g.First().DepartmentName)).OrderBy(d => d.Item2, StringComparer.Ordinal);

    internal static Color ChipColor(FollowUpState state) => state switch
    {
        FollowUpState.Overdue => Color.Error,
        FollowUpState.Answered => Color.Success,
        FollowUpState.InProgress => Color.Info,
        _ => Color.Warning,
    };

    private static string Snippet(string text) => text.Length <= 180 ? text : text[..180].TrimEnd() + "…";
}
