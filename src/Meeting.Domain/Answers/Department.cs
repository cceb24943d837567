namespace DoiThoai.Domain;

/// <summary>A department of the unit (phòng, ban, ngành) that can be asked to answer.</summary>
public sealed class Department
{
    private Department() { Name = ""; }

    public Department(string name, int sortOrder, Guid unitId = default)
    {
        Id = Guid.NewGuid();
        UnitId = unitId;
        Name = name;
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string Name { get; private set; }
    public int SortOrder { get; private set; }

    public DepartmentRef ToRef() => new(Id, Name);

    public const int MaxNameLength = 120;

    /// <summary>A department the office adds by hand: the name is cleaned and checked.</summary>
    public static Department Create(string name, int sortOrder, Guid unitId) => new(CheckedName(name), sortOrder, unitId);

    public void Rename(string name) => Name = CheckedName(name);

    private static string CheckedName(string name)
    {
        var clean = SearchText.Clean(name);
        if (clean.Length == 0) throw new MeetingRuleException("Hãy nhập tên phòng, ban.");
        if (clean.Length > MaxNameLength) throw new MeetingRuleException($"Tên phòng, ban tối đa {MaxNameLength} ký tự.");
        return clean;
    }

    /// <summary>A realistic list from the seeds (000, 001, 003).</summary>
    public static IReadOnlyList<string> StandardNames { get; } =
    [
        "Văn phòng Đảng ủy",
        "Ban Xây dựng Đảng",
        "Văn phòng HĐND-UBND",
        "Phòng Kinh tế",
        "Phòng Văn hóa - Xã hội",
        "Trung tâm phục vụ hành chính công",
        "Công an xã",
        "Ban Chỉ huy Quân sự xã",
        "Ủy ban MTTQ Việt Nam xã",
    ];
}

public sealed record DepartmentRef(Guid Id, string Name);

/// <summary>An opinion given to a department to answer; one assignment of an opinion leads, the others coordinate.</summary>
public sealed class Assignment : MeetingRow
{
    private Assignment() { DepartmentName = ""; }

    internal Assignment(Guid opinionId, DepartmentRef department, bool isLead, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        OpinionId = opinionId;
        DepartmentId = department.Id;
        DepartmentName = department.Name;
        IsLead = isLead;
        AssignedAt = now;
    }

    public Guid Id { get; private set => Set(ref field, value); }
    public Guid OpinionId { get; private set => Set(ref field, value); }
    public Guid DepartmentId { get; private set => Set(ref field, value); }
    public string DepartmentName { get; private set => Set(ref field, value); }
    public bool IsLead { get; private set => Set(ref field, value); }
    public DateTimeOffset AssignedAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? CalledAt { get; private set => Set(ref field, value); }
    public DateTimeOffset? AnsweredAt { get; private set => Set(ref field, value); }
    public int? AnswerSeconds { get; private set => Set(ref field, value); }

    internal void DemoteToCoordinator() => IsLead = false;

    internal void PromoteToLead() => IsLead = true;

    internal void Call(DateTimeOffset now) => CalledAt = now;

    internal void RecordAnswer(DateTimeOffset now, int seconds)
    {
        AnsweredAt = now;
        AnswerSeconds = seconds;
    }
}
