using Bunit;
using DoiThoai.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Components;

/// <summary>The chair's plain buttons must look exactly like MudBlazor's: same classes, same icon markup.</summary>
public sealed class PlainLookTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public PlainLookTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<Variant, Color, bool> Buttons => new()
    {
        { Variant.Filled, Color.Primary, true },
        { Variant.Filled, Color.Success, false },
        { Variant.Outlined, Color.Secondary, false },
        { Variant.Outlined, Color.Default, true },
        { Variant.Text, Color.Dark, false },
    };

    [Theory]
    [MemberData(nameof(Buttons))]
    public void A_plain_button_has_MudButtons_classes_and_icon(Variant variant, Color color, bool fullWidth)
    {
        var mud = _ctx.Render<MudButton>(p => p.Add(x => x.Variant, variant).Add(x => x.Color, color)
            .Add(x => x.FullWidth, fullWidth).Add(x => x.Class, "touch big").Add(x => x.StartIcon, Icons.Material.Filled.Flag)
            .AddChildContent("Khai mạc"));
        var button = mud.Find("button");

        Assert.Equal(Classes(button.GetAttribute("class")), Classes(PlainLook.Button(variant, color, "touch big", fullWidth)));
        var label = button.QuerySelector(".mud-button-label")!;
        var plain = _ctx.Render(Fragment($"<span class=\"mud-button-label\">{PlainLook.StartIcon(Icons.Material.Filled.Flag)}Khai mạc</span>"));
        plain.Find(".mud-button-label").OuterHtml.MarkupMatches(label.OuterHtml);
    }

    [Fact]
    public void A_disabled_MudButton_only_adds_the_disabled_attribute()
    {
        var mud = _ctx.Render<MudButton>(p => p.Add(x => x.Variant, Variant.Filled).Add(x => x.Color, Color.Primary).Add(x => x.Disabled, true));
        var button = mud.Find("button");

        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal(Classes(button.GetAttribute("class")), Classes(PlainLook.Button(Variant.Filled, Color.Primary)));
    }

    [Fact]
    public void A_plain_end_icon_matches_MudButtons()
    {
        var mud = _ctx.Render<MudButton>(p => p.Add(x => x.EndIcon, Icons.Material.Filled.SkipNext).AddChildContent("Tiếp"));
        var plain = _ctx.Render(Fragment($"<span class=\"mud-button-label\">Tiếp{PlainLook.EndIcon(Icons.Material.Filled.SkipNext)}</span>"));

        plain.Find(".mud-button-label").OuterHtml.MarkupMatches(mud.Find(".mud-button-label").OuterHtml);
    }

    [Theory]
    [InlineData(true, Size.Small)]
    [InlineData(true, Size.Medium)]
    [InlineData(false, Size.Small)]
    [InlineData(false, Size.Medium)]
    public void A_plain_icon_button_has_MudIconButtons_classes_and_icon(bool outlined, Size size)
    {
        var mud = _ctx.Render<MudIconButton>(p =>
        {
            p.Add(x => x.Icon, Icons.Material.Filled.Edit).Add(x => x.Size, size).Add(x => x.Class, "touch");
            if (outlined) p.Add(x => x.Variant, Variant.Outlined);
        });
        var button = mud.Find("button");
        var classes = outlined ? PlainLook.OutlinedIconButton("touch", size) : PlainLook.IconButton("touch", size);

        Assert.Equal(Classes(button.GetAttribute("class")), Classes(classes));
        _ctx.Render(Fragment(PlainLook.IconLabel(Icons.Material.Filled.Edit, size).Value))
            .Find(".mud-icon-button-label").OuterHtml.MarkupMatches(button.QuerySelector(".mud-icon-button-label")!.OuterHtml);
    }

    [Fact]
    public void A_plain_chip_has_MudChips_classes()
    {
        var mud = _ctx.Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Color, Color.Success).AddChildContent("Theo diễn biến"));

        Assert.Equal(Classes(mud.Find(".mud-chip").GetAttribute("class")), Classes(PlainLook.Chip(Color.Success, Size.Small)));
    }

    [Theory]
    [InlineData(Variant.Filled, Color.Primary, false)]
    [InlineData(Variant.Outlined, Color.Default, false)]
    [InlineData(Variant.Outlined, Color.Default, true)]
    public void A_plain_clickable_chip_has_MudChips_classes_and_icon(Variant variant, Color color, bool disabled)
    {
        var mud = _ctx.Render<MudChip<Guid>>(p => p.Add(x => x.Size, Size.Large).Add(x => x.Variant, variant).Add(x => x.Color, color)
            .Add(x => x.Class, "dept-chip").Add(x => x.Disabled, disabled).Add(x => x.Icon, Icons.Material.Filled.Star)
            .Add(x => x.OnClick, () => { }).AddChildContent("Phòng Kinh tế"));
        var chip = mud.Find(".mud-chip");

        Assert.Equal(Classes(chip.GetAttribute("class")),
            Classes(PlainLook.Chip(color, Size.Large, variant, "dept-chip", clickable: true, disabled: disabled)));
        if (!disabled)
        {
            _ctx.Render(Fragment(PlainLook.ChipIcon(Icons.Material.Filled.Star).Value)).Find("svg").OuterHtml
                .MarkupMatches(chip.QuerySelector("svg")!.OuterHtml);
        }
    }

    private static RenderFragment Fragment(string markup) => b => b.AddMarkupContent(0, markup);

    private static string[] Classes(string? value) =>
        (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
}
