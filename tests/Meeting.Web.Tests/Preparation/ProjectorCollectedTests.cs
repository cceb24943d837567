using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Projector;

namespace DoiThoai.Web.Tests.Preparation;

/// <summary>Agenda step 4 on the projector: the opinions collected before the meeting, who answers, whether the answer is ready.</summary>
public sealed class ProjectorCollectedTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 14, 0, 0, TimeSpan.FromHours(7));
    private const string Complaint = "Tố cáo cán bộ thu tiền sai quy định.";

    private readonly BunitContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();

    /// <summary>Collected opinions (one answered, one a complaint), then the meeting opened and at <paramref name="step"/>.</summary>
    private static Meeting LiveAtStep(int step, int extra = 0)
    {
        var meeting = Meeting.Create(new MeetingPlan("Hội nghị đối thoại năm 2026", MeetingKind.Periodic, [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")],
            "Hội trường xã", T0, 100, "21-KH/ĐU"));
        var before = T0.AddDays(-10);
        var economy = new Department("Phòng Kinh tế", 1).ToRef();
        var road = meeting.CollectOpinion(new CollectedOpinionDraft("Nguyễn Văn Bình", "Xóm 3", OpinionField.Economy,
            "Đề nghị sửa đường trục xóm 3 bị xuống cấp.", CollectedChannel.Front, null), before);
        meeting.CollectOpinion(new CollectedOpinionDraft("Trần Thị Hoa", "Xóm 5", OpinionField.CultureSociety,
            "Đề nghị mở lớp học bơi cho trẻ em trong hè.", CollectedChannel.Unions, null), before);
        meeting.CollectOpinion(new CollectedOpinionDraft("Vũ Thị Lan", "Xóm 9", OpinionField.Other, Complaint, CollectedChannel.Letter, null), before);
        for (var i = 0; i < extra; i++)
            meeting.CollectOpinion(new CollectedOpinionDraft($"Người thứ {i}", "", OpinionField.Other, $"Ý kiến thêm số {i}.", CollectedChannel.Other, null), before);
        var lan = meeting.CollectedOpinions().Single(o => o.Content == Complaint);
        meeting.ClassifyCollectedOpinion(lan.Id, OpinionField.Other, Authority.Within, false, true, before);
        meeting.AssignCollectedOpinion(road.Id, [economy], economy.Id, new DateOnly(2026, 11, 18), before);
        meeting.RecordPreparedAnswer(road.Id, "Xã bố trí vốn sửa đường trong năm 2026.", before);
        meeting.Announce();
        meeting.Start(T0);
        meeting.GoToStep(step, T0, confirmGoingBack: false);
        return meeting;
    }

    private IRenderedComponent<ProjectorView> Render(Meeting meeting) =>
        _ctx.Render<ProjectorView>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Now, T0.AddMinutes(30)).Add(x => x.RegisterUrl, "http://h/m/X"));

    [Fact]
    public void At_step_4_the_hall_sees_the_collected_opinions_their_department_and_whether_the_answer_is_ready()
    {
        var cut = Render(LiveAtStep(StandardAgenda.CollectedAnswersStep));

        var counts = cut.Find("[data-testid=projector-collected-counts]").TextContent;
        Assert.Contains("2 ý kiến", counts);
        Assert.Contains("1 đã giao phòng, ban", counts);
        Assert.Contains("1 đã chuẩn bị trả lời", counts);
        var items = cut.FindAll("[data-testid=projector-collected-item]");
        Assert.Equal(2, items.Count);
        Assert.Contains("Ý kiến số 1", items[0].TextContent); // its own number, collected first
        Assert.Contains("Nguyễn Văn Bình (Xóm 3)", items[0].TextContent);
        Assert.Contains("Trả lời: Phòng Kinh tế", items[0].TextContent);
        Assert.Contains("Đã chuẩn bị trả lời", items[0].TextContent);
        Assert.Contains("Đang chuẩn bị", items[1].TextContent);
        Assert.DoesNotContain(Complaint, cut.Markup);
        Assert.DoesNotContain("Vũ Thị Lan", cut.Markup);
        Assert.DoesNotContain("scrolling", cut.Markup);
    }

    [Fact]
    public void A_long_list_scrolls_and_other_steps_do_not_show_it()
    {
        var cut = Render(LiveAtStep(StandardAgenda.CollectedAnswersStep, extra: 6));
        Assert.Contains("scrolling", cut.Find(".collected-window").ClassList);
        Assert.Equal(8, cut.FindAll("[data-testid=projector-collected-item]").Count);

        var speaking = Render(LiveAtStep(StandardAgenda.SpeakingStep));
        Assert.Empty(speaking.FindAll("[data-testid=projector-collected]"));
        Assert.NotEmpty(speaking.FindAll(".idle"));
    }
}
