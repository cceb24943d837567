using DoiThoai.Web.Features.Delegates.Invitations;

namespace DoiThoai.Web.Tests.Invitations;

/// <summary>The pure wording rules the card and the letter share.</summary>
public sealed class InvitationWordingTests
{
    [Theory]
    [InlineData("Xã Giao Minh", "xã Giao Minh")]
    [InlineData(" Phường Điện Biên ", "phường Điện Biên")]
    [InlineData("Thị trấn Quất Lâm", "thị trấn Quất Lâm")]
    [InlineData("Thành phố Ninh Bình", "thành phố Ninh Bình")]
    [InlineData("Đặc khu Phú Quốc", "đặc khu Phú Quốc")]
    [InlineData("Phường 3", "Phường 3")] // before a number the kind keeps its capital (NĐ 30)
    [InlineData("Xóm 5", "Xóm 5")]
    [InlineData("Hội Nông dân xã", "Hội Nông dân xã")]
    [InlineData("Xã hội", "Xã hội")] // not a unit: no capitalised name follows
    [InlineData("UBND thành phố", "UBND thành phố")]
    public void A_unit_kind_is_lowercased_before_a_proper_name_only(string typed, string inSentence) =>
        Assert.Equal(inSentence, InvitationWording.InSentence(typed));

    [Theory]
    [InlineData("Phó Bí thư Đảng ủy", "Xã Giao Minh", "Phó Bí thư Đảng ủy, xã Giao Minh")]
    [InlineData("Chủ tịch Ủy ban MTTQ xã", "Xã Giao Minh", "Chủ tịch Ủy ban MTTQ xã Giao Minh")]
    [InlineData("Trưởng xóm", "Xóm 3", "Trưởng xóm, Xóm 3")]
    [InlineData("", "Xóm 3", "Xóm 3")]
    [InlineData("Phó Chủ tịch UBND thành phố", "", "Phó Chủ tịch UBND thành phố")]
    [InlineData("", "", "")]
    public void A_role_joins_the_post_and_the_unit_as_a_sentence_writes_them(string title, string organization, string role) =>
        Assert.Equal(role, InvitationWording.Role(title, organization));

    [Fact]
    public void A_content_too_long_for_the_card_says_where_the_full_text_is()
    {
        Assert.Equal("Ngắn gọn.", InvitationCard.Abbreviate(" Ngắn gọn. ", 20));
        var words = string.Join(' ', Enumerable.Repeat("nội dung", 100));
        var cut = InvitationCard.Abbreviate(words, 120);
        Assert.True(cut.Length <= 120, cut);
        Assert.EndsWith("… " + InvitationCard.FullTextElsewhere, cut);
        var kept = cut[..^(InvitationCard.FullTextElsewhere.Length + 2)];
        Assert.StartsWith(kept + " ", words, StringComparison.Ordinal); // cut between words
    }
}
