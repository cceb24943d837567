namespace DoiThoai.Domain;

public enum MeetingKind { Periodic, Thematic, AdHoc }

public enum DialogueForm { Direct, Indirect }

public enum MeetingStatus { Draft, Announced, Live, Ended }

public sealed record ChairPerson(string Name, string Title);

/// <summary>A preparation milestone marked done: which one (<see cref="PreparationTimeline"/> keys), on what day, by whom.</summary>
public sealed record PreparationMark(string Key, DateOnly DoneOn, string By);

public static class PreparationDefaults
{
    /// <summary>The plan's usual notice: invitations and the public notice at least 5 working days before (or 7).</summary>
    public const int InvitationNoticeDays = 5;
}

public enum ProjectorMode { Follow, Message, Blank }

public static class MeetingLabels
{
    public static string ToVietnamese(this MeetingKind kind) => kind switch
    {
        MeetingKind.Periodic => "Định kỳ",
        MeetingKind.Thematic => "Chuyên đề",
        _ => "Đột xuất",
    };

    public static string ToVietnamese(this DialogueForm form) => form == DialogueForm.Direct ? "Trực tiếp" : "Gián tiếp";

    public static string ToVietnamese(this MeetingStatus status) => status switch
    {
        MeetingStatus.Draft => "Đang chuẩn bị",
        MeetingStatus.Announced => "Đã thông báo",
        MeetingStatus.Live => "Đang diễn ra",
        _ => "Đã kết thúc",
    };
}
