namespace DoiThoai.Domain;

/// <summary>Lĩnh vực, as listed in Mẫu 4 and Mẫu 5 (seed 004).</summary>
public enum OpinionField { Economy, CultureSociety, DefenceSecurity, PartyBuilding, Personnel, LandEnvironment, Other }

public enum OpinionSource { BeforeMeeting, Phone, Paper, Floor, Invitation }

public enum Authority { Within, LevelAbove, LevelBelow }

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

    public static string ToVietnamese(this OpinionSource source) => source switch
    {
        OpinionSource.BeforeMeeting => "Thu thập trước hội nghị",
        OpinionSource.Phone => "Đăng ký qua điện thoại",
        OpinionSource.Paper => "Phiếu giấy",
        OpinionSource.Floor => "Phát biểu tại chỗ",
        _ => "Đại biểu có giấy mời",
    };
}
