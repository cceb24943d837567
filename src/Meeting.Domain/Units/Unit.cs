namespace DoiThoai.Domain;

public enum UnitKind { Province, City, Commune }

/// <summary>
/// Đơn vị: a commune, or a city/province account above communes. Each has its own meetings, departments and staff;
/// a unit sees its own data and that of the units under it, never a sibling's.
/// </summary>
public sealed class Unit
{
    private Unit() { Name = ""; }

    public Unit(string name, UnitKind kind, Guid? parentId = null)
    {
        var clean = SearchText.Clean(name);
        if (clean.Length == 0) throw new MeetingRuleException("Hãy nhập tên đơn vị.");
        if (clean.Length > MaxNameLength) throw new MeetingRuleException($"Tên đơn vị tối đa {MaxNameLength} ký tự.");
        Id = Guid.NewGuid();
        Name = clean;
        Kind = kind;
        ParentId = parentId;
    }

    /// <summary>
    /// A new unit under <paramref name="parent"/>: a province holds cities and communes, a city holds communes, a
    /// commune holds none (its departments and villages are not units).
    /// </summary>
    public static Unit Under(Unit parent, string name, UnitKind kind)
    {
        if (parent.Kind == UnitKind.Commune)
            throw new MeetingRuleException($"{parent.Name} là cấp xã: không có đơn vị cấp dưới trong phần mềm.");
        if (kind <= parent.Kind)
            throw new MeetingRuleException($"Dưới {ToVietnamese(parent.Kind).ToLowerInvariant()} chỉ thêm được đơn vị cấp thấp hơn.");
        return new Unit(name, kind, parent.Id);
    }

    public void Rename(string name)
    {
        var clean = SearchText.Clean(name);
        if (clean.Length == 0) throw new MeetingRuleException("Hãy nhập tên đơn vị.");
        if (clean.Length > MaxNameLength) throw new MeetingRuleException($"Tên đơn vị tối đa {MaxNameLength} ký tự.");
        Name = clean;
    }

    public const int MaxNameLength = 120;

    /// <summary>A unit with a known id (seeds and imports that must keep ids stable).</summary>
    public static Unit Create(Guid id, string name, UnitKind kind, Guid? parentId) => new(name, kind, parentId) { Id = id };

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public UnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }

    /// <summary>The unit itself and every unit below it, from a flat list of all units.</summary>
    public static IReadOnlySet<Guid> WithDescendants(Guid unitId, IEnumerable<Unit> all)
    {
        var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        var result = new HashSet<Guid> { unitId };
        var pending = new Queue<Guid>([unitId]);
        while (pending.TryDequeue(out var id))
            foreach (var child in children[id])
                if (result.Add(child.Id)) pending.Enqueue(child.Id);
        return result;
    }

    public static string ToVietnamese(UnitKind kind) => kind switch
    {
        UnitKind.Province => "Tỉnh",
        UnitKind.City => "Thành phố",
        _ => "Xã, phường",
    };
}
