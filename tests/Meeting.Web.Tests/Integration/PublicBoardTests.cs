using DoiThoai.Domain;
using DoiThoai.Web.Live;

namespace DoiThoai.Web.Tests.Integration;

/// <summary>
/// The phones' board built batch by batch from new requests only (the burst's path, which folds its recent lines into
/// a new settled set every few hundred) must say exactly what a board built from the whole meeting says.
/// </summary>
public sealed class PublicBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 9, 14, 0, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void A_board_grown_from_new_requests_equals_one_built_from_the_whole_meeting(int batchSize)
    {
        var meeting = Meeting.Create(new MeetingPlan("Hội nghị đối thoại năm 2026", MeetingKind.Periodic,
            [new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")], "Hội trường UBND xã", T0, 115, "21-KH/ĐU",
            HostOffice: "Văn phòng Đảng ủy", Audience: "Nhân dân xã", PlacesList: ["Thôn Đông"]));
        meeting.Announce();
        meeting.TakeEvents();
        var board = PublicBoard.Build(meeting, null);
        var tokens = new List<string>();

        for (var n = 0; n < 1_200; n += batchSize)
        {
            for (var i = n; i < Math.Min(n + batchSize, 1_200); i++)
                tokens.Add(meeting.Submit(new SpeakRequestDraft($"Người thứ {i}", "Thôn Đông", OpinionField.Economy,
                    $"Ý kiến số {i}", SpeakMode.Speak, OpinionSource.Phone, null, false, null), T0.AddSeconds(i)).StatusToken);
            var grown = board.WithNewRequests(meeting);

            Assert.Equal(Math.Min(batchSize, 1_200 - n), grown.NewTokens.Count);
            Assert.True(grown.HasSameLinesAs(PublicBoard.Build(meeting, null)), $"after {tokens.Count} requests");
            board = grown;
        }
        Assert.All(tokens, token => Assert.NotNull(board.Find(token)));
        Assert.Null(board.Find("khong-co"));
    }
}
