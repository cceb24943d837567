namespace DoiThoai.Domain.Tests;

/// <summary>Units and their departments as the administrator makes them (Quản trị).</summary>
public sealed class UnitTests
{
    private static readonly Unit Province = new("Tỉnh Ninh Bình", UnitKind.Province);

    [Fact]
    public void A_province_holds_cities_and_communes_and_a_city_holds_communes()
    {
        var city = Unit.Under(Province, "  Thành phố   Nam Định ", UnitKind.City);
        var commune = Unit.Under(city, "Xã Giao Hải", UnitKind.Commune);
        var direct = Unit.Under(Province, "Xã Giao Minh", UnitKind.Commune);

        Assert.Equal((Province.Id, "Thành phố Nam Định"), (city.ParentId!.Value, city.Name));
        Assert.Equal(city.Id, commune.ParentId);
        Assert.Equal(Province.Id, direct.ParentId);
        Assert.Equal(new HashSet<Guid> { Province.Id, city.Id, commune.Id, direct.Id },
            Unit.WithDescendants(Province.Id, [Province, city, commune, direct]));
    }

    [Fact]
    public void A_commune_holds_no_unit_and_nothing_goes_under_its_own_level()
    {
        var commune = Unit.Under(Province, "Xã Giao Minh", UnitKind.Commune);
        var city = Unit.Under(Province, "Thành phố Nam Định", UnitKind.City);

        Refused.With("cấp xã", () => Unit.Under(commune, "Thôn 1", UnitKind.Commune));
        Refused.With("cấp thấp hơn", () => Unit.Under(city, "Thành phố khác", UnitKind.City));
        Refused.With("cấp thấp hơn", () => Unit.Under(Province, "Tỉnh khác", UnitKind.Province));
    }

    [Fact]
    public void Names_are_cleaned_and_an_empty_or_overlong_name_is_refused_without_a_change()
    {
        var unit = Unit.Under(Province, "Xã Giao Minh", UnitKind.Commune);
        Refused.With("Hãy nhập tên đơn vị", () => unit.Rename("   "));
        Refused.With("tối đa", () => unit.Rename(new string('a', Unit.MaxNameLength + 1)));
        Assert.Equal("Xã Giao Minh", unit.Name);

        // Decomposed input (typed on some phones) is stored composed, so search and the same-name check agree.
        unit.Rename("Xa\u0303 Giao Minh");
        Assert.Equal("Xã Giao Minh", unit.Name);
    }

    [Fact]
    public void A_department_is_named_cleanly_and_keeps_its_id_when_renamed()
    {
        var department = Department.Create("  Phòng  Kinh tế ", 3, Province.Id);
        var id = department.Id;
        department.Rename("Phòng Kinh tế - Hạ tầng");

        Assert.Equal((id, "Phòng Kinh tế - Hạ tầng", 3, Province.Id), (department.Id, department.Name, department.SortOrder, department.UnitId));
        Refused.With("Hãy nhập tên phòng, ban", () => Department.Create(" ", 1, Province.Id));
        Refused.With("tối đa", () => department.Rename(new string('x', Department.MaxNameLength + 1)));
        Assert.Equal("Phòng Kinh tế - Hạ tầng", department.Name);
    }
}
