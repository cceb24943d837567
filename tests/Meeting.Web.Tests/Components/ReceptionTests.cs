using System.Text;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Reception;
using DoiThoai.Web.Features.Secretary;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Components;

/// <summary>The reception desk's and the secretary's parts, rendered without a database.</summary>
public sealed class ReceptionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Opening = new(2026, 11, 23, 14, 0, 0, Clock.VietnamOffset);

    private readonly BunitContext _bunit = new();

    public ReceptionTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable: the synchronous Dispose xUnit would call throws.
    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public void Submitted_requests_are_listed_newest_first_with_name_place_and_field()
    {
        var meeting = NewMeeting();
        var an = Submit(meeting, "Nguyễn Văn An", "Xóm 3", OpinionField.Economy, "Đường trục xóm xuống cấp.", 0);
        var hoa = Submit(meeting, "Phạm Thị Hoa", "Xóm 7", OpinionField.LandEnvironment, "Bãi rác ven đê.", 5);
        var queued = Submit(meeting, "Lê Thị Mai", "Xóm 9", OpinionField.Other, "Đã duyệt.", 1);
        meeting.Approve(queued.Id, Opening.AddMinutes(2));

        var host = RenderScreening(meeting);

        var items = host.FindAll("[data-testid=reception-item]");
        Assert.Equal([hoa.Number.ToString(), an.Number.ToString()], items.Select(i => i.GetAttribute("data-request-number")));
        var first = items[0];
        Assert.Contains("Phạm Thị Hoa", first.QuerySelector("[data-testid=request-name]")!.TextContent);
        Assert.Contains("Xóm 7", first.QuerySelector("[data-testid=request-place]")!.TextContent);
        Assert.Contains("Bãi rác ven đê.", first.TextContent);
        Assert.Contains(OpinionField.LandEnvironment.ToVietnamese(), first.InnerHtml);
        Assert.Contains("14:05", first.TextContent);
        Assert.DoesNotContain("Lê Thị Mai", host.Markup);
    }

    [Fact]
    public void Approve_raises_the_id_of_that_request()
    {
        var meeting = NewMeeting();
        Submit(meeting, "Nguyễn Văn An", "Xóm 3", OpinionField.Economy, "Đường trục xóm xuống cấp.", 0);
        var hoa = Submit(meeting, "Phạm Thị Hoa", "Xóm 7", OpinionField.Economy, "Kênh tưới bồi lắng.", 1);
        var approved = new List<Guid>();

        var host = RenderScreening(meeting, onApprove: approved.Add);
        host.Find($"[data-testid=reception-item][data-request-number='{hoa.Number}'] button[data-testid=approve]").Click();

        host.WaitForAssertion(() => Assert.Equal([hoa.Id], approved));
    }

    [Fact]
    public void Reject_without_a_reason_does_not_fire_and_a_reason_does()
    {
        var meeting = NewMeeting();
        var petition = Submit(meeting, "Trịnh Văn Sơn", "Xóm 8", OpinionField.LandEnvironment, "Tranh chấp đất với hộ liền kề.", 0);
        var rejected = new List<(Guid, string)>();

        var host = RenderScreening(meeting, onReject: rejected.Add);
        host.Find("button[data-testid=reject]").Click();
        host.WaitForElement("button[data-testid=confirm-reject]").Click();

        host.WaitForAssertion(() => Assert.Contains("Hãy ghi lý do từ chối.", host.Markup));
        Assert.Empty(rejected);

        host.Find("[data-testid=quick-reason]").Click();
        host.Find("button[data-testid=confirm-reject]").Click();

        host.WaitForAssertion(() => Assert.Equal(
            [(petition.Id, ReceptionText.QuickRejectReasons[0])], rejected));
    }

    [Fact]
    public void Merge_raises_the_duplicate_and_the_request_picked_from_the_searchable_list()
    {
        var meeting = NewMeeting();
        var original = Submit(meeting, "Nguyễn Văn An", "Xóm 3", OpinionField.Economy, "Đường trục xóm 3 xuống cấp.", 0);
        Submit(meeting, "Phạm Thị Hoa", "Xóm 7", OpinionField.Economy, "Kênh tưới bồi lắng.", 1);
        var duplicate = Submit(meeting, "Nguyễn Văn Ba", "Xóm 3", OpinionField.Economy, "Cũng hỏi về đường trục xóm 3.", 2);
        var merged = new List<(Guid, Guid)>();

        var host = RenderScreening(meeting, onMerge: merged.Add);
        host.Find($"[data-testid=reception-item][data-request-number='{duplicate.Number}'] button[data-testid=merge]").Click();
        host.WaitForElement("input[data-testid=merge-search]").Input("duong truc");

        host.WaitForAssertion(() => Assert.Equal([original.Number.ToString()],
            host.FindAll("[data-testid=merge-target]").Select(t => t.GetAttribute("data-request-number"))));
        host.Find("[data-testid=merge-target]").Click();

        // Choosing is not merging: nothing happens until "Gộp vào phiếu số …" is pressed.
        Assert.Empty(merged);
        var confirm = host.Find("[data-testid=merge-confirm]");
        Assert.Contains($"Gộp vào phiếu số {original.Number}", confirm.TextContent);
        confirm.Click();
        host.WaitForAssertion(() => Assert.Equal([(duplicate.Id, original.Id)], merged));
    }

    [Fact]
    public void A_phone_that_sent_several_requests_is_marked_and_can_be_blocked_after_a_confirmation()
    {
        var meeting = NewMeeting();
        var flood = Enumerable.Range(0, 3).Select(i => meeting.Submit(new SpeakRequestDraft($"Rác {i}", "Xóm 1", OpinionField.Other, "Rác.",
            SpeakMode.Speak, OpinionSource.Phone, Device: "dFLOOD"), Opening.AddMinutes(i))).ToList();
        var citizen = meeting.Submit(new SpeakRequestDraft("Phạm Thị Hoa", "Xóm 7", OpinionField.Economy, "Kênh tưới bồi lắng.",
            SpeakMode.Speak, OpinionSource.Phone, Device: "dHOA"), Opening.AddMinutes(5));
        var blocked = new List<Guid>();

        var host = RenderScreening(meeting, onBlockDevice: blocked.Add);
        Assert.Contains("Cùng một máy đã gửi 3 phiếu.", host.Find($"[data-testid=reception-item][data-request-number='{flood[1].Number}']").TextContent);
        Assert.Empty(host.Find($"[data-testid=reception-item][data-request-number='{citizen.Number}']").QuerySelectorAll("[data-testid=block-device]"));

        host.Find($"[data-testid=reception-item][data-request-number='{flood[1].Number}'] button[data-testid=block-device]").Click();
        host.WaitForAssertion(() => Assert.Contains($"Không đưa 3 phiếu đang chờ của máy này ra đối thoại (phiếu số {flood[0].Number}, {flood[1].Number}, {flood[2].Number})", host.Markup));
        Assert.Empty(blocked);
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Chặn máy này")).Click();

        host.WaitForAssertion(() => Assert.Equal([flood[1].Id], blocked));
    }

    [Fact]
    public async Task Paper_form_shows_the_refusal_and_keeps_what_was_typed()
    {
        var drafts = new List<SpeakRequestDraft>();
        var replies = new Queue<string?>(["Nội dung tối đa 1500 ký tự (hiện có 1600).", null]);
        var form = _bunit.Render<PaperForm>(p => p
            .Add(c => c.Places, ["Xóm 3", "Xóm 7"])
            .Add(c => c.OnSubmit, draft =>
            {
                drafts.Add(draft);
                return Task.FromResult(replies.Dequeue());
            }));

        form.Find("input[data-testid=paper-name]").Input("Phạm Thị Hoa");
        form.Find("textarea[data-testid=paper-content]").Input("Kênh tưới tiêu nội đồng bị bồi lắng.");
        var field = form.FindComponent<MudSelect<OpinionField?>>();
        await form.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(OpinionField.Economy));
        form.Find("button[data-testid=paper-submit]").Click();

        Assert.Contains("Nội dung tối đa 1500 ký tự", form.WaitForElement("[data-testid=paper-error]").TextContent);
        Assert.Equal("Phạm Thị Hoa", form.Find("input[data-testid=paper-name]").GetAttribute("value"));
        var draft = Assert.Single(drafts);
        Assert.Equal(("Phạm Thị Hoa", OpinionField.Economy, OpinionSource.Paper), (draft.Name, draft.Field, draft.Source));

        form.Find("button[data-testid=paper-submit]").Click();

        form.WaitForAssertion(() =>
        {
            Assert.Equal(2, drafts.Count);
            Assert.Empty(form.FindAll("[data-testid=paper-error]"));
            Assert.True(string.IsNullOrEmpty(form.Find("input[data-testid=paper-name]").GetAttribute("value")));
        });
        Assert.Equal(drafts[0].IdempotencyKey, drafts[1].IdempotencyKey);
    }

    [Fact]
    public void Search_ignores_diacritics_and_decomposed_input()
    {
        var meeting = NewMeeting();
        var an = Submit(meeting, "Nguyễn Văn An", "Xóm 3", OpinionField.Economy, "Đường trục xóm xuống cấp.", 0);
        var binh = Submit(meeting, "Trần Thị Bình", "Xóm 5", OpinionField.LandEnvironment, "Chậm cấp giấy chứng nhận.", 1);
        meeting.Approve(an.Id, Opening.AddMinutes(2));
        meeting.Approve(binh.Id, Opening.AddMinutes(3));
        var browser = _bunit.Render<RequestBrowser>(p => p.Add(c => c.Meeting, meeting));
        Assert.Equal(2, browser.FindAll("[data-testid=request-row]").Count);

        Search(browser, "nguyen van");
        AssertOnlyRow(browser, an);

        Search(browser, "Nguyễn Văn".Normalize(NormalizationForm.FormD));
        AssertOnlyRow(browser, an);

        Search(browser, "giay chung nhan");
        AssertOnlyRow(browser, binh);
    }

    [Fact]
    public void Timeline_lists_entries_in_sequence_order_grouped_by_step()
    {
        JournalEntry[] entries =
        [
            Entry(5, EventKinds.SpeakerCalled, "14:20 — Mời Nguyễn Văn An (Xóm 3) phát biểu (phiếu số 1)."),
            Entry(2, EventKinds.StepStarted, "14:00 — Bước 1: Tuyên bố lý do."),
            Entry(1, EventKinds.RequestSubmitted, "13:50 — Phiếu số 1: Nguyễn Văn An (Xóm 3) đăng ký phát biểu (Kinh tế)."),
            Entry(4, EventKinds.StepStarted, "14:15 — Bước 5: Nhân dân phát biểu ý kiến."),
            Entry(3, EventKinds.RequestApproved, "14:05 — Duyệt phiếu số 1: Nguyễn Văn An vào danh sách phát biểu."),
            Entry(6, EventKinds.OutcomeSet, "14:40 — Ý kiến số 1 (Nguyễn Văn An): Đã trả lời tại hội nghị."),
        ];

        var timeline = _bunit.Render<Timeline>(p => p.Add(c => c.Entries, entries));

        var order = timeline.FindAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-sequence"));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], order);
        var groups = timeline.FindAll("[data-testid=timeline-group]");
        Assert.Equal(3, groups.Count);
        Assert.Contains("Trước khai mạc", groups[0].TextContent);
        Assert.Equal(["2", "3"], Sequences(groups[1]));
        Assert.Equal(["4", "5", "6"], Sequences(groups[2]));
        Assert.StartsWith("14:15 — Bước 5", groups[2].QuerySelector("h3")!.TextContent);

        // Outcomes only: step headings stay, so the outcome is still read under its step.
        timeline.Find($"[data-testid=timeline-filter][data-filter={TimelineFilter.Outcomes}]").Click();
        timeline.WaitForAssertion(() => Assert.Equal(["2", "4", "6"],
            timeline.FindAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-sequence"))));
    }

    [Fact]
    public void A_delegate_list_added_before_the_meeting_is_one_timeline_line_not_one_per_person()
    {
        var entries = new List<JournalEntry>();
        for (var i = 1; i <= 170; i++) entries.Add(Entry(i, EventKinds.DelegateAdded, $"Thêm đại biểu Người {i} (Nhân dân)."));
        entries.Add(Entry(171, EventKinds.RequestSubmitted, "Nhận phiếu số 1."));
        entries.Add(Entry(172, EventKinds.DelegateAdded, "Thêm đại biểu Người muộn (Nhân dân)."));

        var timeline = _bunit.Render<Timeline>(p => p.Add(c => c.Entries, entries));

        var lines = timeline.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(["170", "171", "172"], lines.Select(e => e.GetAttribute("data-sequence")));
        Assert.Contains("Thêm 170 đại biểu (Người 1 … Người 170).", lines[0].TextContent);
        Assert.Contains("Thêm đại biểu Người muộn (Nhân dân).", lines[2].TextContent); // a single one stays as it was
    }

    private static Meeting NewMeeting()
    {
        var meeting = Meeting.Create(new MeetingPlan(
            "Hội nghị đối thoại với Nhân dân xã Giao Minh", MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")], "Hội trường xã", Opening, 200, "Số 21-KH/ĐU",
            PlacesList: ["Xóm 3", "Xóm 5", "Xóm 7", "Xóm 8", "Xóm 9"]));
        meeting.Announce();
        return meeting;
    }

    private static SpeakRequest Submit(Meeting meeting, string name, string place, OpinionField field, string content, int minute) =>
        meeting.Submit(new SpeakRequestDraft(name, place, field, content, SpeakMode.Speak, OpinionSource.Phone), Opening.AddMinutes(minute));

    /// <summary>Dialogs and select lists open in MudBlazor's providers, so they are rendered next to the list.</summary>
    private IRenderedComponent<IComponent> RenderScreening(Meeting meeting, Action<Guid>? onApprove = null,
        Action<(Guid Id, string Reason)>? onReject = null, Action<(Guid DuplicateId, Guid IntoId)>? onMerge = null,
        Action<Guid>? onBlockDevice = null) =>
        _bunit.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<ScreeningList>(2);
            builder.AddComponentParameter(3, nameof(ScreeningList.Meeting), meeting);
            builder.AddComponentParameter(4, nameof(ScreeningList.OnApprove), EventCallback.Factory.Create(this, onApprove ?? (_ => { })));
            builder.AddComponentParameter(5, nameof(ScreeningList.OnReject), EventCallback.Factory.Create(this, onReject ?? (_ => { })));
            builder.AddComponentParameter(6, nameof(ScreeningList.OnMerge), EventCallback.Factory.Create(this, onMerge ?? (_ => { })));
            builder.AddComponentParameter(7, nameof(ScreeningList.OnBlockDevice), EventCallback.Factory.Create(this, onBlockDevice ?? (_ => { })));
            builder.CloseComponent();
        });

    private static void Search(IRenderedComponent<RequestBrowser> browser, string text) =>
        browser.Find("input[data-testid=reception-search]").Input(text);

    private static void AssertOnlyRow(IRenderedComponent<RequestBrowser> browser, SpeakRequest expected) =>
        browser.WaitForAssertion(() =>
        {
            var row = Assert.Single(browser.FindAll("[data-testid=request-row]"));
            Assert.Equal(expected.Number.ToString(), row.GetAttribute("data-request-number"));
            Assert.Contains(expected.Name, row.TextContent);
        });

    private static IEnumerable<string?> Sequences(AngleSharp.Dom.IElement group) =>
        group.QuerySelectorAll("[data-testid=timeline-entry]").Select(e => e.GetAttribute("data-sequence"));

    private static JournalEntry Entry(long sequence, string kind, string text) =>
        new() { Sequence = sequence, Kind = kind, Text = text, Actor = "thuky", At = Opening };
}
