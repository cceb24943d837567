namespace DoiThoai.Domain;

/// <summary>Lĩnh vực, as listed in Mẫu 4 and Mẫu 5 (seed 004).</summary>
public enum OpinionField { Economy, CultureSociety, DefenceSecurity, PartyBuilding, Personnel, LandEnvironment, Other }

public enum OpinionSource { BeforeMeeting, Phone, Paper, Floor, Invitation }

public enum Authority { Within, LevelAbove, LevelBelow }

/// <summary>
/// Where an opinion collected before the meeting came from (the "indirect dialogue" of seed 004): the Fatherland Front,
/// the unions, a village Party cell, a letter, an e-mail, the public online form (Mẫu 4). None: raised in the hall.
/// </summary>
public enum CollectedChannel { None, Front, Unions, PartyCell, Letter, Email, OnlineForm, Other }

public enum OpinionOutcome { None, AnsweredAtMeeting, AnswerInWriting, ForwardedToLevelAbove, NotedOutOfTopic }

public static class OpinionLabels
{
    public static string ToVietnamese(this OpinionField field) => field switch
    {
        OpinionField.Economy => "Kinh tế",
        OpinionField.CultureSociety => "Văn hóa - Xã hội",
        OpinionField.DefenceSecurity => "Quốc phòng - An ninh",
        OpinionField.PartyBuilding => "Xây dựng Đảng và hệ thống chính trị",
        OpinionField.Personnel => "Tổ chức cán bộ",
        OpinionField.LandEnvironment => "Đất đai, môi trường",
        _ => "Khác",
    };

    public static string ToVietnamese(this OpinionOutcome outcome) => outcome switch
    {
        OpinionOutcome.AnsweredAtMeeting => "Đã trả lời tại hội nghị",
        OpinionOutcome.AnswerInWriting => "Trả lời bằng văn bản",
        OpinionOutcome.ForwardedToLevelAbove => "Chuyển cấp trên",
        OpinionOutcome.NotedOutOfTopic => "Ngoài nội dung — ghi nhận, trả lời bằng văn bản",
        _ => "Chưa có kết quả",
    };

    public static string ToVietnamese(this CollectedChannel channel) => channel switch
    {
        CollectedChannel.Front => "Ủy ban MTTQ",
        CollectedChannel.Unions => "Hội, đoàn thể",
        CollectedChannel.PartyCell => "Chi bộ thôn, xóm",
        CollectedChannel.Letter => "Đơn thư",
        CollectedChannel.Email => "Thư điện tử (e-mail)",
        CollectedChannel.OnlineForm => "Phiếu trực tuyến",
        CollectedChannel.Other => "Khác",
        _ => "Tại hội nghị",
    };

    public static string ToVietnamese(this Authority authority) => authority switch
    {
        Authority.LevelAbove => "Đề xuất với cấp trên",
        Authority.LevelBelow => "Thuộc thẩm quyền cấp dưới",
        _ => "Thuộc thẩm quyền",
    };

    public static string ToVietnamese(this OpinionSource source) => source switch
    {
        OpinionSource.BeforeMeeting => "Thu thập trước hội nghị",
        OpinionSource.Phone => "Đăng ký qua điện thoại",
        OpinionSource.Paper => "Phiếu giấy",
        OpinionSource.Floor => "Phát biểu tại chỗ",
        _ => "Đại biểu có giấy mời",
    };
}
