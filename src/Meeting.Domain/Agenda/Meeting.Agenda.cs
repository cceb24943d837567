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
        var step = FindStep(number);
        var (clean, minutes) = CheckStep(title, plannedMinutes);
        step.Edit(clean, minutes);
        Raise(EventKinds.AgendaEdited, $"Sửa bước {number} của chương trình: {clean} ({minutes} phút).", step.Id);
    }


    public const int MaxAgendaSteps = 20;

    /// <summary>Adds a step at the end of the programme (while live, after the step under way).</summary>
    public AgendaItem AddStep(string title, int plannedMinutes)
    {
        RequireProgrammeOpen();
        if (_agenda.Count >= MaxAgendaSteps) throw new MeetingRuleException($"Chương trình có tối đa {MaxAgendaSteps} bước.");
        var (clean, minutes) = CheckStep(title, plannedMinutes);
        var step = new AgendaItem(_agenda.Count + 1, clean, minutes);
        _agenda.Add(step);
        Raise(EventKinds.AgendaEdited, $"Thêm bước {step.Number} vào chương trình: {clean} ({minutes} phút).", step.Id, staffOnly: true);
        return step;
    }

    /// <summary>Removes a step that has not begun; the steps after it move up one number.</summary>
    public void RemoveStep(int number)
    {
        RequireProgrammeOpen();
        var step = FindStep(number);
        if (step.Number < FirstOpenStep) throw new MeetingRuleException($"Bước {number} đã diễn ra hoặc đã qua, không bỏ được.");
        if (_agenda.Count == 1) throw new MeetingRuleException("Chương trình cần ít nhất một bước.");
        _agenda.Remove(step);
        Renumber();
        Raise(EventKinds.AgendaEdited, $"Bỏ bước {number} khỏi chương trình: {step.Title}.", step.Id, staffOnly: true);
    }

    /// <summary>Moves a step that has not begun to another place among the steps that have not begun.</summary>
    public void MoveStep(int number, int newNumber)
    {
        RequireProgrammeOpen();
        var step = FindStep(number);
        if (newNumber < 1 || newNumber > _agenda.Count) throw new MeetingRuleException($"Chương trình không có bước {newNumber}.");
        if (newNumber == number) return;
        if (step.Number < FirstOpenStep || newNumber < FirstOpenStep)
            throw new MeetingRuleException("Chỉ đổi chỗ các bước chưa diễn ra.");
        var ordered = _agenda.OrderBy(a => a.Number).ToList();
        ordered.Remove(step);
        ordered.Insert(newNumber - 1, step);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Renumber(i + 1);
        Raise(EventKinds.AgendaEdited, $"Chuyển bước \"{step.Title}\" từ vị trí {number} đến vị trí {newNumber}.", step.Id, staffOnly: true);
    }

    /// <summary>Replaces the whole programme with a ready one (before the opening only).</summary>
    public void UseAgendaTemplate(string key)
    {
        if (Status is MeetingStatus.Live or MeetingStatus.Ended)
            throw new MeetingRuleException("Hội nghị đã khai mạc: chỉ sửa, thêm, bỏ từng bước chưa diễn ra.");
        var template = AgendaTemplate.All.FirstOrDefault(t => t.Key == key)
            ?? throw new MeetingRuleException("Không có mẫu chương trình này.");
        _agenda.Clear();
        _agenda.AddRange(template.Items());
        Raise(EventKinds.AgendaEdited, $"Dùng mẫu chương trình: {template.Name}.", staffOnly: true);
    }

    /// <summary>The first step still ahead: those under way, done or passed over keep their place.</summary>
    public int FirstOpenStep => Math.Max(CurrentStepNumber, _agenda.Where(a => a.StartedAt is not null).Select(a => a.Number).DefaultIfEmpty(0).Max()) + 1;

    private AgendaItem FindStep(int number) =>
        _agenda.FirstOrDefault(a => a.Number == number) ?? throw new MeetingRuleException($"Chương trình không có bước {number}.");

    private static (string Title, int Minutes) CheckStep(string title, int plannedMinutes)
    {
        var clean = SearchText.Clean(title);
        if (clean.Length is 0 or > 300) throw new MeetingRuleException("Tên bước cần từ 1 đến 300 ký tự.");
        if (plannedMinutes is < 1 or > 240) throw new MeetingRuleException("Thời lượng dự kiến từ 1 đến 240 phút.");
        return (clean, plannedMinutes);
    }

    private void RequireProgrammeOpen()
    {
        if (Status == MeetingStatus.Ended) throw new MeetingRuleException("Hội nghị đã kết thúc, chương trình không sửa được nữa.");
    }

    private void Renumber()
    {
        var number = 1;
        foreach (var step in _agenda.OrderBy(a => a.Number).ToList()) step.Renumber(number++);
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
