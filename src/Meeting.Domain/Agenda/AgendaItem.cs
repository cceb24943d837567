namespace DoiThoai.Domain;

public sealed class AgendaItem : MeetingRow
{
    private AgendaItem() { Title = ""; }

    internal AgendaItem(int number, string title, int plannedMinutes, bool reportsCollectedAnswers = false)
    {
        Id = Guid.NewGuid();
        Number = number;
        Title = title;
        PlannedMinutes = plannedMinutes;
        ReportsCollectedAnswers = reportsCollectedAnswers;
    }

    public Guid Id { get; private set => Set(ref field, value); }
    public int Number { get; private set => Set(ref field, value); }
    public string Title { get; private set => Set(ref field, value); }
    public int PlannedMinutes { get; private set => Set(ref field, value); }
    /// <summary>The step where the answers prepared for the opinions collected before the meeting are read (the projector lists them).</summary>
    public bool ReportsCollectedAnswers { get; private set => Set(ref field, value); }
    public DateTimeOffset? StartedAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? EndedAt { get; private set => Set(ref field, value); }

    public bool IsFinished => EndedAt is not null;

    internal void Start(DateTimeOffset now)
    {
        StartedAt ??= now;
        EndedAt = null;
    }

    internal void Finish(DateTimeOffset now) => EndedAt = now;

    internal void Renumber(int number) => Number = number;

    internal void Edit(string title, int plannedMinutes)
    {
        Title = title;
        PlannedMinutes = plannedMinutes;
    }
}

/// <summary>The 8 standard steps of a dialogue conference (seed 004 IV.2.1, seed 003 II.5).</summary>
public static class StandardAgenda
{
    public static readonly IReadOnlyList<(string Title, int Minutes)> Steps =
    [
        ("Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình, nội quy; giới thiệu chủ trì, thư ký", 10),
        ("Chủ trì thông báo mục đích, yêu cầu, chương trình, nội dung hội nghị", 5),
        ("Báo cáo khái quát tình hình kinh tế - xã hội, xây dựng Đảng, quốc phòng - an ninh", 20),
        ("Thông qua báo cáo trả lời các ý kiến đã thu thập trước hội nghị", 20),
        ("Nhân dân phát biểu ý kiến theo thứ tự, nội dung, thời gian đã đăng ký", 60),
        ("Chủ trì trả lời trực tiếp hoặc yêu cầu các bộ phận báo cáo, giải trình", 45),
        ("Nhân dân tiếp tục trao đổi, phát biểu ý kiến", 20),
        ("Chủ trì tiếp thu, kết luận; giao trách nhiệm, thời hạn giải quyết", 15),
    ];

    /// <summary>In this programme: where the prepared answers are read, and where the hall speaks.</summary>
    public const int CollectedAnswersStep = 4;
    public const int SpeakingStep = 5;
    public const int FollowUpStep = 7;
}

/// <summary>A ready programme from one of the seed plans, to start from and then adjust.</summary>
public sealed record AgendaTemplate(string Key, string Name, IReadOnlyList<(string Title, int Minutes)> Steps, int? CollectedAnswersStep = null)
{
    /// <summary>
    /// The eight steps of Hướng dẫn (seed 004 IV.2.1, seed 003 II.5); a ward's seven (seed 000 §7: two reports, the
    /// MTTQ chair's comment, the Party secretary's conclusion); a commune's six (seed 001 §5).
    /// </summary>
    public static readonly IReadOnlyList<AgendaTemplate> All =
    [
        new("huong-dan", "Theo hướng dẫn (8 bước)", StandardAgenda.Steps, StandardAgenda.CollectedAnswersStep),
        new("phuong-7", "Phường, đối thoại với cán bộ tổ dân phố (7 bước)",
        [
            ("Ổn định tổ chức, tuyên bố lý do, giới thiệu đại biểu, nội dung, chương trình, phương pháp; giới thiệu chủ trì, thư ký và bộ phận tiếp nhận ý kiến", 10),
            ("Phó Bí thư Thường trực Đảng ủy báo cáo kết quả thực hiện nhiệm vụ chính trị", 15),
            ("Chủ tịch UBND báo cáo kết quả thực hiện mô hình chính quyền địa phương 2 cấp, các chủ trương lớn, dự án trọng điểm", 15),
            ("Đại diện chi bộ, tổ dân phố phát biểu ý kiến, kiến nghị", 60),
            ("Chủ tịch Ủy ban MTTQ tham gia ý kiến (nếu có)", 10),
            ("Chủ trì trả lời, làm rõ các ý kiến đối thoại", 45),
            ("Bí thư Đảng ủy kết luận hội nghị", 15),
        ]),
        new("xa-6", "Xã, đối thoại với Nhân dân (6 bước)",
        [
            ("Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình, nội dung, thời gian; giới thiệu chủ trì, cử thư ký", 10),
            ("Chủ trì thông báo mục đích, yêu cầu, nội dung, cách thức đối thoại", 5),
            ("Báo cáo khái quát công tác xây dựng Đảng, hệ thống chính trị, tình hình phát triển kinh tế của địa phương", 20),
            ("Đại biểu phát biểu ý kiến theo thứ tự, nội dung đã đăng ký", 60),
            ("Chủ trì trao đổi, trả lời hoặc chỉ định các ngành chuyên môn làm rõ ý kiến", 45),
            ("Chủ trì phát biểu, tiếp thu ý kiến và kết luận hội nghị", 15),
        ]),
    ];

    public static AgendaTemplate Standard => All[0];

    internal IEnumerable<AgendaItem> Items() =>
        Steps.Select((s, i) => new AgendaItem(i + 1, s.Title, s.Minutes, i + 1 == CollectedAnswersStep));
}
