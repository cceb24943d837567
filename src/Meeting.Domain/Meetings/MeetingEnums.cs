namespace DoiThoai.Domain;

public enum MeetingKind { Periodic, Thematic, AdHoc }

public enum DialogueForm { Direct, Indirect }

public enum MeetingStatus { Draft, Announced, Live, Ended }

public sealed record ChairPerson(string Name, string Title);

public enum ProjectorMode { Follow, Message, Blank }

public static class MeetingLabels
{
    public static string ToVietnamese(this MeetingKind kind) => kind switch
    {
        MeetingKind.Periodic => "Định kỳ",
        MeetingKind.Thematic => "Chuyên đề",
        _ => "Đột xuất",
    };

    public static string ToVietnamese(this MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => "Đang chuẩn bị",
        MeetingStatus.Announced => "Đã thông báo",
        MeetingStatus.Live => "Đang diễn ra",
        _ => "Đã kết thúc",
    };
}
