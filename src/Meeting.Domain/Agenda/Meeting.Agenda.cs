namespace DoiThoai.Domain;

public sealed partial class Meeting
{
    public void NextStep(DateTimeOffset now)
    {
        RequireLive();
        if (CurrentStepNumber >= _agenda.Count)
            throw new MeetingRuleException("Đây là bước cuối của chương trình. Hãy bế mạc hội nghị.");
        BeginStep(CurrentStepNumber + 1, now);
    }

    /// <summary>Jumps to a step. Going back past a finished step must be confirmed: it reopens that step.</summary>
    public void GoToStep(int number, DateTimeOffset now, bool confirmGoingBack)
    {
        RequireLive();
        var target = _agenda.FirstOrDefault(a => a.Number == number)
            ?? throw new MeetingRuleException($"Chương trình không có bước {number}.");
        if (number == CurrentStepNumber) throw new MeetingRuleException($"Hội nghị đang ở bước {number}.");
        if (number < CurrentStepNumber && target.IsFinished && !confirmGoingBack)
            throw new MeetingRuleException($"Bước {number} đã kết thúc. Hãy xác nhận nếu muốn quay lại bước này.");
        BeginStep(number, now);
    }

    public void EditStep(int number, string title, int plannedMinutes)
    {
        var step = _agenda.FirstOrDefault(a => a.Number == number)
            ?? throw new MeetingRuleException($"Chương trình không có bước {number}.");
        var clean = SearchText.Clean(title);
        if (clean.Length is 0 or > 300) throw new MeetingRuleException("Tên bước cần từ 1 đến 300 ký tự.");
        if (plannedMinutes is < 1 or > 240) throw new MeetingRuleException("Thời lượng dự kiến từ 1 đến 240 phút.");
        step.Edit(clean, plannedMinutes);
        Raise(EventKinds.AgendaEdited, $"Sửa bước {number} của chương trình: {clean} ({plannedMinutes} phút).", step.Id);
    }

    private void BeginStep(int number, DateTimeOffset now)
    {
        CurrentStep?.Finish(now);
        CurrentStepNumber = number;
        var step = CurrentStep!;
        step.Start(now);
        Raise(EventKinds.StepStarted, $"{Hm(now)} — Bước {number}: {step.Title}.", step.Id);
    }
}
