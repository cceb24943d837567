using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Tests.Documents;

/// <summary>Who issues the documents, and the state (not Party) layout, without a server.</summary>
public sealed class IssuerTests
{
    private static Meeting Create(string hostOffice, string audience, params ChairPerson[] chairs) => Meeting.Create(new MeetingPlan(
        "Hội nghị đối thoại năm 2026", MeetingKind.Periodic, chairs, "Hội trường UBND phường", new DateTimeOffset(2026, 2, 5, 8, 0, 0, Clock.VietnamOffset),
        100, "Số: 15/KH-UBND", hostOffice, audience));

    [Fact]
    public void A_state_office_issues_as_the_Peoples_Committee_under_the_national_title()
    {
        var meeting = Create("Văn phòng HĐND và UBND phường Việt Hòa", "Nhân dân phường Việt Hòa",
            new ChairPerson("Lê Văn Bình", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường"));

        var issuer = Issuer.Of(meeting);
        var header = issuer.Header("TB", new DateOnly(2026, 2, 5));

        Assert.False(issuer.Party);
        Assert.Equal("Ủy ban nhân dân phường Việt Hòa", issuer.Name);
        Assert.Null(header.ParentBody);
        Assert.Equal(["ỦY BAN NHÂN DÂN", "PHƯỜNG VIỆT HÒA"], header.Body);
        Assert.Equal(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], header.Motto);
        Assert.Equal("Số: …………/TB-UBND", header.Number);
        Assert.Equal("Việt Hòa, ngày 05 tháng 02 năm 2026", header.PlaceDate);

        var notice = NoticeDocument.From(meeting, ConclusionNotice.Draft(meeting, WorkingCalendar.Vietnam()));
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], notice.Signatures.Single().Authority);
        Assert.Equal("- Lưu: VT.", notice.Recipients[^1]);
        Assert.Contains(notice.Body, p => p.Text == "Không có ý kiến phải tiếp tục trả lời sau hội nghị.");
        Assert.Contains(notice.Body, p => p.Text.StartsWith("Thực hiện Kế hoạch số 15/KH-UBND; Ủy ban nhân dân phường Việt Hòa đã tổ chức", StringComparison.Ordinal));

        using var doc = WordprocessingDocument.Open(new MemoryStream(AdminDocx.Build(notice)), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc));
        var motto = doc.MainDocumentPart!.Document!.Body!.Elements<Table>().First().Descendants<Run>().Single(r => r.InnerText == Issuer.Motto);
        Assert.Equal(UnderlineValues.Single, motto.RunProperties!.Underline!.Val!.Value);
    }

    [Fact]
    public void The_unit_above_heads_the_Party_document_and_is_told_of_the_notice_b_c()
    {
        var city = Unit.Create(Guid.NewGuid(), "Thành phố Hải Phòng", UnitKind.City, null);
        var party = Create("Văn phòng Đảng ủy xã Tân Kỳ", "Nhân dân xã Tân Kỳ", new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy"));
        var state = Create("Văn phòng HĐND và UBND phường Việt Hòa", "Nhân dân phường Việt Hòa", new ChairPerson("Lê Văn Bình", "Chủ tịch UBND phường"));

        var partyNotice = NoticeDocument.From(party, ConclusionNotice.Draft(party, WorkingCalendar.Vietnam()), parent: city);
        Assert.Equal("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", partyNotice.Header.ParentBody);
        Assert.Equal("- Thường trực Thành ủy Hải Phòng (b/c),", partyNotice.Recipients[0]);
        Assert.Equal("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", MinutesDocument.From(new MinutesSnapshot(party, MinutesMerge.Merge(MinutesDraft.Build(party, []), []), 0), city).Header.ParentBody);

        var stateNotice = NoticeDocument.From(state, ConclusionNotice.Draft(state, WorkingCalendar.Vietnam()), parent: city);
        Assert.Null(stateNotice.Header.ParentBody);
        Assert.Equal("- Ủy ban nhân dân thành phố Hải Phòng (b/c);", stateNotice.Recipients[0]);

        // Without the unit tree nothing is invented: no "(b/c)" line, the commune's own organisation heads the page.
        var alone = NoticeDocument.From(party, ConclusionNotice.Draft(party, WorkingCalendar.Vietnam()));
        Assert.DoesNotContain(alone.Recipients, r => r.Contains("(b/c)"));
        Assert.Equal("ĐẢNG BỘ XÃ TÂN KỲ", alone.Header.ParentBody);
    }

    [Theory]
    [InlineData("Văn phòng Đảng ủy xã Giao Minh", "Nhân dân xã Giao Minh", true, "xã Giao Minh", "Giao Minh")]
    [InlineData("Văn phòng Đảng ủy", "Nhân dân thị trấn Cồn năm 2026", true, "thị trấn Cồn", "Cồn")]
    [InlineData("Ban tổ chức", "Cử tri", false, "", Issuer.Blank)]
    public void The_commune_comes_from_the_host_office_or_else_the_audience(string host, string audience, bool party, string commune, string place)
    {
        var issuer = Issuer.Of(Create(host, audience, new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy")));
        Assert.Equal((party, commune, place), (issuer.Party, issuer.Commune, issuer.Place));
    }

    [Fact]
    public void A_minutes_document_without_a_meeting_record_keeps_dotted_lines_to_write_on()
    {
        var meeting = Create("Văn phòng Đảng ủy xã Giao Minh", "Nhân dân xã Giao Minh", new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy"));
        var parts = MinutesMerge.Merge(MinutesDraft.Build(meeting, []), []);

        var doc = MinutesDocument.From(new MinutesSnapshot(meeting, parts, 0));

        Assert.Equal("Giao Minh, ngày 05 tháng 02 năm 2026", doc.Header.PlaceDate);
        var proceedings = doc.Body.ToList().FindIndex(p => p.Text == "3. Diễn biến hội nghị");
        Assert.StartsWith("……", doc.Body[proceedings + 1].Text);
        Assert.Equal("Hội nghị kết thúc hồi … giờ … phút./.", doc.Body[^1].Text);
    }
}
