using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>Who keeps the opinions collected before the meeting, and where their pages and files live.</summary>
public static class CollectedOpinionAccess
{
    /// <summary>The office that organizes the meeting (tổ thư ký giúp việc) classifies and assigns.</summary>
    public const string Roles = "Admin,Organizer";
    /// <summary>Who may enter collected opinions: the office, and the Front and unions that collect them (seed 004 §IV.1).</summary>
    public const string Entrants = "Admin,Organizer,Collector";

    public static string PagePath(Guid meetingId) => $"/preparation/{meetingId}/opinions";
    public static string EntryPath(Guid meetingId) => $"/preparation/{meetingId}/thu-thap";
    public static string PaperFormPath(Guid meetingId) => $"/preparation/{meetingId}/phieu-xin-y-kien";
    public static string ClassificationReportPath(Guid meetingId) => $"/preparation/{meetingId}/opinions/bao-cao-phan-loai.docx";
    public static string AnswerReportPath(Guid meetingId) => $"/preparation/{meetingId}/opinions/bao-cao-tra-loi.docx";
    public static string RequestLetterPath(Guid meetingId) => $"/preparation/{meetingId}/opinions/cong-van-tong-hop-y-kien.docx";
    public static string ListPath(Guid meetingId) => $"/preparation/{meetingId}/opinions/danh-sach.xlsx";
    public static string TemplatePath(Guid meetingId) => $"/preparation/{meetingId}/opinions/mau-nhap-y-kien.xlsx";
    public static string PublicFormPath(string publicCode) => $"/y-kien/{publicCode}";

    /// <summary>
    /// The day an answer should be ready unless the office picks another: the plan's "classified and assigned 3
    /// working days before" milestone, never before today and never after the meeting. Null once the meeting day has passed.
    /// </summary>
    public static DateOnly? DefaultPrepareDue(Meeting meeting, WorkingCalendar calendar, DateOnly today)
    {
        var meetingDay = DateOnly.FromDateTime(Clock.ToHallTime(meeting.ScheduledStart).DateTime);
        if (meetingDay < today) return null;
        var milestone = PreparationTimeline.For(meeting.Kind, meetingDay, calendar).FirstOrDefault(m => m.Key == PreparationTimeline.Classify)?.Due
            ?? calendar.SubtractWorkingDays(meetingDay, 3);
        return milestone < today ? today : milestone;
    }
}
