using DoiThoai.Domain;

namespace DoiThoai.Web.Features.Phone;

public sealed record PhoneMeeting(Guid Id, string Code, string Title, MeetingStatus Status, IReadOnlyList<string> Places)
{
    public bool AcceptsRequests => Status is MeetingStatus.Announced or MeetingStatus.Live;

    public string ClosedMessage => Status == MeetingStatus.Ended
        ? "Hội nghị đã kết thúc, không nhận thêm đăng ký phát biểu."
        : "Hội nghị chưa mở đăng ký phát biểu.";
}

/// <summary>What the delegate typed, kept so that a refused form comes back filled in.</summary>
public sealed record PhoneForm(string Key, string Name = "", string Place = "", OpinionField Field = OpinionField.Other,
    string Content = "", bool WrittenOnly = false, string Phone = "", bool Consent = false, string Invitation = "")
{
    public SpeakRequestDraft ToDraft(Guid? delegateId = null) => new(Name, Place, Field, Content,
        WrittenOnly ? SpeakMode.WrittenOnly : SpeakMode.Speak, OpinionSource.Phone,
        string.IsNullOrWhiteSpace(Phone) ? null : Phone, Consent, Key, delegateId);
}

/// <summary>What a delegate may see of their own request, and nothing else.</summary>
/// <param name="FollowUp">After the conclusion notice: who answers their opinion, by when, and the answer once given.</param>
public sealed record PhoneStatus(string Token, string MeetingCode, string MeetingTitle, int Number, string Name,
    string FieldLabel, string Content, string Headline, string Detail, bool IsOnFloor, bool CanWithdraw,
    DoiThoai.Web.Features.FollowUp.CitizenFollowUp? FollowUp = null, bool CanErase = false);
