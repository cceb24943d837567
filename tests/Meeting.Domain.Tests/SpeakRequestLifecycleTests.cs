using System.Text;
using static DoiThoai.Domain.Tests.TestMeetings;

namespace DoiThoai.Domain.Tests;

public class SpeakRequestLifecycleTests
{
    // --- submit ---

    [Fact]
    public void Submit_registers_a_numbered_request_and_the_opinion_it_raises()
    {
        var meeting = Live();

        var request = meeting.Submit(Request(name: "  Nguyễn   Văn An ", place: "Thôn Đông"), At(10));

        Assert.Equal(1, request.Number);
        Assert.Equal(1, meeting.LastRequestNumber);
        Assert.Equal(SpeakRequestStatus.Submitted, request.Status);
        Assert.Equal("Nguyễn Văn An", request.Name);
        var opinion = Assert.Single(meeting.Opinions);
        Assert.Equal(opinion.Id, request.OpinionId);
        Assert.Equal(1, opinion.Number);
        Assert.Equal(OpinionField.Economy, opinion.Field);
        var submitted = Assert.Single(meeting.PendingEvents);
        Assert.Equal(EventKinds.RequestSubmitted, submitted.Kind);
        Assert.Contains("Phiếu số 1: Nguyễn Văn An (Thôn Đông) đăng ký phát biểu", submitted.Text);
    }

    [Fact]
    public void Submit_is_refused_before_the_meeting_is_announced()
    {
        var meeting = Draft();

        Refused.AndUnchanged(meeting, "chưa mở đăng ký", () => meeting.Submit(Request(), At(0)));
    }

    [Fact]
    public void Submit_is_refused_after_the_meeting_ended()
    {
        var meeting = Live();
        meeting.End(At(3600));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "không nhận thêm đăng ký", () => meeting.Submit(Request(), At(3700)));
    }

    [Fact]
    public void Submit_with_the_same_idempotency_key_returns_the_same_request()
    {
        var meeting = Live();
        var first = meeting.Submit(Request(idempotencyKey: "form-7f3a"), At(10));

        var second = meeting.Submit(Request(idempotencyKey: "form-7f3a"), At(12));

        Assert.Same(first, second);
        Assert.Single(meeting.Requests);
        Assert.Single(meeting.Opinions);
        Assert.Equal(1, meeting.LastRequestNumber);
        Assert.Single(meeting.PendingEvents);
    }

    [Fact]
    public void Submit_finds_any_earlier_key_among_many_requests_whichever_way_they_were_added()
    {
        var meeting = Live();
        var keyed = new List<SpeakRequest>();
        for (var i = 0; i < 50; i++)
        {
            keyed.Add(meeting.Submit(Request(name: $"Người {i}", idempotencyKey: $"form-{i}"), At(i)));
            // Requests without a key (reception, a follow-up) sit between the phones' ones.
            meeting.Submit(Request(name: $"Tiếp nhận {i}", source: OpinionSource.Floor), At(i));
            if (i % 10 == 0) meeting.SubmitFollowUp(keyed[i].OpinionId!.Value, Request(name: $"Người {i}", idempotencyKey: $"follow-{i}"), At(i));
        }
        var count = meeting.Requests.Count;

        Assert.Same(keyed[0], meeting.Submit(Request(name: "Người 0", idempotencyKey: "form-0"), At(100)));
        Assert.Same(keyed[49], meeting.Submit(Request(name: "Người 49", idempotencyKey: "form-49"), At(100)));
        Assert.Same(meeting.Requests.Single(r => r.IdempotencyKey == "follow-20"),
            meeting.Submit(Request(name: "Người 20", idempotencyKey: "follow-20"), At(100)));
        Assert.Equal(count, meeting.Requests.Count);

        // A key first seen after the lookups above is found too, and a new key still makes a new request.
        var later = meeting.Submit(Request(name: "Người mới", idempotencyKey: "form-new"), At(101));
        Assert.Same(later, meeting.Submit(Request(name: "Người mới", idempotencyKey: "form-new"), At(102)));
        Assert.Equal(count + 1, meeting.Requests.Count);
    }

    [Fact]
    public void Submit_with_an_empty_name_is_refused_and_changes_nothing()
    {
        var meeting = Live();

        Refused.AndUnchanged(meeting, "Vui lòng nhập họ tên", () => meeting.Submit(Request(name: "   "), At(10)));
    }

    [Fact]
    public void Submit_with_too_long_content_is_refused_and_changes_nothing()
    {
        var meeting = Live();

        var error = Refused.AndUnchanged(meeting, "Nội dung tối đa 1500 ký tự",
            () => meeting.Submit(Request(content: new string('a', Meeting.MaxContentLength + 1)), At(10)));
        Assert.Contains("hiện có 1501", error.Message);
    }

    [Fact]
    public void Submit_with_a_bad_phone_number_is_refused_and_changes_nothing()
    {
        var meeting = Live();

        Refused.AndUnchanged(meeting, "Số điện thoại không hợp lệ",
            () => meeting.Submit(Request(phone: "12345", phoneConsent: true), At(10)));
    }

    [Fact]
    public void Submit_with_a_phone_but_no_consent_is_refused_and_changes_nothing()
    {
        var meeting = Live();

        Refused.AndUnchanged(meeting, "chưa đánh dấu đồng ý",
            () => meeting.Submit(Request(phone: "0912345678", phoneConsent: false), At(10)));
    }

    [Fact]
    public void Submit_keeps_a_consented_phone_without_separators()
    {
        var meeting = Live();

        var request = meeting.Submit(Request(phone: "0912 345.678", phoneConsent: true), At(10));

        Assert.Equal("0912345678", request.Phone);
        Assert.True(request.PhoneConsent);
    }

    [Fact]
    public void Refused_submit_with_an_idempotency_key_stores_nothing_so_a_corrected_retry_is_accepted()
    {
        var meeting = Live();
        Refused.With("Vui lòng nhập họ tên", () => meeting.Submit(Request(name: "", idempotencyKey: "form-1"), At(10)));

        var request = meeting.Submit(Request(idempotencyKey: "form-1"), At(20));

        Assert.Equal(1, request.Number);
    }

    // --- approve ---

    [Fact]
    public void Approve_puts_the_request_in_the_queue()
    {
        var meeting = Live();
        var request = meeting.Submit(Request(), At(10));

        meeting.Approve(request.Id, At(20));

        Assert.Equal(SpeakRequestStatus.Approved, request.Status);
        Assert.Equal(At(20), request.ApprovedAt);
        Assert.Equal(1, meeting.PlaceInLine(request));
        Assert.Equal(EventKinds.RequestApproved, meeting.PendingEvents[^1].Kind);
    }

    [Fact]
    public void Approving_a_written_only_request_keeps_it_out_of_the_queue()
    {
        var meeting = Live();
        var request = meeting.Submit(Request(mode: SpeakMode.WrittenOnly), At(10));

        meeting.Approve(request.Id, At(20));

        Assert.Equal(SpeakRequestStatus.WrittenOnly, request.Status);
        Assert.Empty(meeting.QueuedRequests());
        Assert.Equal(EventKinds.RequestWrittenOnly, meeting.PendingEvents[^1].Kind);
    }

    // --- reject ---

    [Fact]
    public void Reject_without_a_reason_is_refused_and_changes_nothing()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);

        Refused.AndUnchanged(meeting, "Hãy ghi lý do từ chối", () => meeting.Reject(request.Id, "  ", At(20)));
    }

    [Fact]
    public void Reject_with_a_reason_takes_the_request_out_of_the_queue_and_closes_its_opinion()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);

        meeting.Reject(request.Id, "Nội dung không thuộc phạm vi hội nghị", At(20));

        Assert.Equal(SpeakRequestStatus.Rejected, request.Status);
        Assert.Equal("Nội dung không thuộc phạm vi hội nghị", request.RejectReason);
        Assert.Empty(meeting.QueuedRequests());
        Assert.True(meeting.OpinionOf(request)!.IsClosed);
        Assert.Contains("Không đưa phiếu số 1", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void Reject_as_a_petition_marks_the_opinion_as_a_petition()
    {
        var meeting = Live();
        var request = meeting.Submit(Request(), At(10));

        meeting.Reject(request.Id, "Đơn thư khiếu nại, giải quyết theo quy định", At(20));

        Assert.True(meeting.OpinionOf(request)!.IsPetition);
    }

    [Fact]
    public void Reject_is_refused_while_the_person_is_called_to_speak()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.CallNext(At(20));
        meeting.TakeEvents();

        Refused.AndUnchanged(meeting, "đang được mời phát biểu", () => meeting.Reject(request.Id, "Trùng ý kiến", At(30)));
    }

    // --- merge ---

    [Fact]
    public void Merge_takes_the_duplicate_out_of_the_queue_and_joins_its_opinion_to_the_target()
    {
        var meeting = Live();
        var target = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        var duplicate = meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);

        meeting.Merge(duplicate.Id, target.Id, At(30));

        Assert.Equal(SpeakRequestStatus.Merged, duplicate.Status);
        Assert.Equal("Trùng với phiếu số 1", duplicate.RejectReason);
        Assert.Equal(target.OpinionId, meeting.OpinionOf(duplicate)!.MergedIntoId);
        Assert.Equal(["Nguyễn Văn An"], meeting.QueueNames());
    }

    [Fact]
    public void Merge_into_a_rejected_request_is_refused()
    {
        var meeting = Live();
        var rejected = meeting.Submit(Request(), At(10));
        meeting.Reject(rejected.Id, "Đơn thư", At(15));
        var duplicate = meeting.Queue("Lê Thị Chi", "Thôn Tây", 20);

        Refused.AndUnchanged(meeting, "hãy chọn phiếu khác", () => meeting.Merge(duplicate.Id, rejected.Id, At(30)));
    }

    // --- withdraw, written only ---

    [Fact]
    public void Withdraw_takes_the_request_out_of_the_queue_and_closes_its_opinion()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);

        meeting.Withdraw(request.Id, At(20));

        Assert.Equal(SpeakRequestStatus.Withdrawn, request.Status);
        Assert.Null(request.QueuePosition);
        Assert.True(meeting.OpinionOf(request)!.IsClosed);
        Assert.Equal(EventKinds.RequestWithdrawn, meeting.PendingEvents[^1].Kind);
    }

    [Fact]
    public void Withdraw_forgets_the_phone_number_given_for_the_answer()
    {
        var meeting = Live();
        var request = meeting.Submit(new SpeakRequestDraft("Trần Thị Bình", "Thôn Đông", OpinionField.Economy, "Đề nghị sửa cống.",
            SpeakMode.Speak, OpinionSource.Phone, Phone: "0912345678", PhoneConsent: true), At(5));

        meeting.Withdraw(request.Id, At(20));

        Assert.Null(request.Phone);
        Assert.False(request.PhoneConsent);
        Assert.Null(meeting.OpinionOf(request)!.SubmitterPhone);
    }

    [Fact]
    public void MakeWrittenOnly_takes_the_turn_away_but_keeps_the_opinion_open()
    {
        var meeting = Live();
        var request = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);

        meeting.MakeWrittenOnly(request.Id, At(20));

        Assert.Equal(SpeakRequestStatus.WrittenOnly, request.Status);
        Assert.Equal(SpeakMode.WrittenOnly, request.Mode);
        Assert.Empty(meeting.QueuedRequests());
        Assert.True(meeting.OpinionOf(request)!.IsOpen);
    }

    // --- follow-up turns (step 7) ---

    [Fact]
    public void SubmitFollowUp_registers_a_new_turn_on_the_same_opinion()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);

        var followUp = meeting.SubmitFollowUp(an.OpinionId!.Value, Request(content: ""), At(900));

        Assert.True(followUp.IsFollowUp);
        Assert.Equal(2, followUp.Number);
        Assert.Equal(an.OpinionId, followUp.OpinionId);
        Assert.Single(meeting.Opinions);
        Assert.Contains("trao đổi thêm về ý kiến số 1", meeting.PendingEvents[^1].Text);
    }

    [Fact]
    public void SubmitFollowUp_with_the_same_idempotency_key_returns_the_same_request()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 60);
        var opinionId = an.OpinionId!.Value;

        var first = meeting.SubmitFollowUp(opinionId, Request(idempotencyKey: "form-follow-9"), At(900));
        var second = meeting.SubmitFollowUp(opinionId, Request(idempotencyKey: "form-follow-9"), At(902));

        Assert.Same(first, second);
        Assert.Equal(2, meeting.Requests.Count);
        Assert.Equal(2, meeting.LastRequestNumber);
    }

    [Fact]
    public void QueueFollowUp_puts_a_follow_up_turn_on_the_same_opinion_into_the_queue()
    {
        var meeting = Live();
        var an = meeting.Queue("Nguyễn Văn An", "Thôn Đông", 10);
        meeting.SpeakNext(atSeconds: 20);

        var followUp = meeting.QueueFollowUp(an.OpinionId!.Value, "Nguyễn Văn An", "Thôn Đông", At(300));

        Assert.True(followUp.IsFollowUp);
        Assert.Equal(an.OpinionId, followUp.OpinionId);
        Assert.Equal(SpeakRequestStatus.Approved, followUp.Status);
        Assert.Equal(followUp.Id, meeting.QueuedRequests().Single().Id);
        Assert.Single(meeting.Opinions);
    }

    [Fact]
    public void QueueFollowUp_is_refused_for_a_rejected_opinion()
    {
        var meeting = Live();
        var request = meeting.Submit(Request(), At(10));
        meeting.Reject(request.Id, "Đơn thư khiếu kiện", At(20));

        Refused.AndUnchanged(meeting, "từ chối",
            () => meeting.QueueFollowUp(request.OpinionId!.Value, "Nguyễn Văn An", "Thôn Đông", At(30)));
    }
}
