namespace DoiThoai.Domain;

public sealed class AgendaItem
{
    private AgendaItem() { Title = ""; }

    internal AgendaItem(int number, string title, int plannedMinutes)
    {
        Id = Guid.NewGuid();
        Number = number;
        Title = title;
        PlannedMinutes = plannedMinutes;
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; }
    public int PlannedMinutes { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsFinished => EndedAt is not null;

    internal void Start(DateTimeOffset now)
    {
        StartedAt ??= now;
        EndedAt = null;
    }

    internal void Finish(DateTimeOffset now) => EndedAt = now;

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

    public const int SpeakingStep = 5;
    public const int FollowUpStep = 7;
}
