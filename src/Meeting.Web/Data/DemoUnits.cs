using DoiThoai.Domain;

namespace DoiThoai.Web.Data;

/// <summary>The demo's units: a province account over two communes, so unit separation can be seen and tested.</summary>
public static class DemoUnits
{
    // Fixed ids: tests and the demo refer to them across restarts.
    public static readonly Guid ProvinceId = new("6b1f0a52-0d7e-4c1a-9a36-1a0c2f6d0001");
    public static readonly Guid GiaoMinhId = new("6b1f0a52-0d7e-4c1a-9a36-1a0c2f6d0002");
    public static readonly Guid GiaoHoaId = new("6b1f0a52-0d7e-4c1a-9a36-1a0c2f6d0003");

    public static IReadOnlyList<Unit> All() =>
    [
        Unit.Create(ProvinceId, "Tỉnh Ninh Bình", UnitKind.Province, null),
        Unit.Create(GiaoMinhId, "Xã Giao Minh", UnitKind.Commune, ProvinceId),
        Unit.Create(GiaoHoaId, "Xã Giao Hòa", UnitKind.Commune, ProvinceId),
    ];
}
