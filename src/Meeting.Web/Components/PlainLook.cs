using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DoiThoai.Web.Components;

/// <summary>
/// MudBlazor's look on plain elements. The chair's page is open for hours on a tablet and re-renders every second:
/// each MudButton or MudIcon is a component with its own render tree held in the seat's circuit, while a plain
/// <c>&lt;button&gt;</c> with the same classes is a few frames in its parent. A component test keeps these strings equal
/// to what MudBlazor renders, so an upgrade that changes them fails there. Every string is built once and shared by
/// all seats (the keys are the call sites' constants), so a render holds references, not copies.
/// </summary>
public static class PlainLook
{
    private static readonly ConcurrentDictionary<(Variant, Color, string?, bool, Size), string> Buttons = new();
    private static readonly ConcurrentDictionary<(Color, Size, Variant, string?, bool, bool), string> Chips = new();
    private static readonly ConcurrentDictionary<(string Kind, string Icon, Size Size), MarkupString> IconMarkup = new();

    /// <summary>The classes of <c>&lt;MudButton Variant Color Size FullWidth Class&gt;</c>.</summary>
    public static string Button(Variant variant, Color color, string? extra = null, bool fullWidth = false, Size size = Size.Medium) =>
        Buttons.GetOrAdd((variant, color, extra, fullWidth, size), static key =>
        {
            var (variant, color, extra, fullWidth, size) = key;
            var v = Name(variant);
            var width = fullWidth ? " mud-width-full" : "";
            return $"mud-button-root mud-button mud-button-{v} mud-button-{v}-{Name(color)} mud-button-{v}-size-{Name(size)}{width} mud-ripple{Extra(extra)}";
        });

    /// <summary>The classes of <c>&lt;MudIconButton Variant="Outlined" Size Class&gt;</c>.</summary>
    public static string OutlinedIconButton(string? extra = null, Size size = Size.Medium) =>
        $"mud-button-root mud-icon-button mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-{Name(size)} mud-ripple{IconSize(size)}{Extra(extra)}";

    /// <summary>The classes of <c>&lt;MudIconButton Size Class&gt;</c> without a variant.</summary>
    public static string IconButton(string? extra = null, Size size = Size.Medium) =>
        $"mud-button-root mud-icon-button mud-ripple mud-ripple-icon{IconSize(size)}{Extra(extra)}";

    /// <summary>The classes of <c>&lt;MudChip Variant Size Color Class&gt;</c>; a clickable one renders as a button.</summary>
    public static string Chip(Color color, Size size = Size.Medium, Variant variant = Variant.Filled, string? extra = null,
        bool clickable = false, bool disabled = false) =>
        Chips.GetOrAdd((color, size, variant, extra, clickable, disabled), static key =>
            $"mud-chip mud-chip-{Name(key.Item3)} mud-chip-size-{Name(key.Item2)} mud-chip-color-{Name(key.Item1)}"
            + (key.Item6 ? " mud-disabled" : key.Item5 ? " mud-clickable mud-ripple" : "") + Extra(key.Item4));

    /// <summary>A chip's leading icon, as MudChip's Icon renders it.</summary>
    public static MarkupString ChipIcon(string icon) =>
        IconMarkup.GetOrAdd(("chip", icon, Size.Small), static key => new(Svg(key.Icon, key.Size, "mud-chip-icon")));

    /// <summary>A button's leading icon, as MudButton's StartIcon renders it.</summary>
    public static MarkupString StartIcon(string icon) => IconMarkup.GetOrAdd(("start", icon, Size.Medium), static key =>
        new($"<span class=\"mud-button-icon-start mud-button-icon-size-medium\">{Svg(key.Icon, key.Size)}</span>"));

    /// <summary>A button's trailing icon, as MudButton's EndIcon renders it.</summary>
    public static MarkupString EndIcon(string icon) => IconMarkup.GetOrAdd(("end", icon, Size.Medium), static key =>
        new($"<span class=\"mud-button-icon-end mud-button-icon-size-medium\">{Svg(key.Icon, key.Size)}</span>"));

    /// <summary>An icon button's content: the label span around the icon.</summary>
    public static MarkupString IconLabel(string icon, Size size = Size.Medium) => IconMarkup.GetOrAdd(("label", icon, size), static key =>
        new($"<span class=\"mud-icon-button-label\">{Svg(key.Icon, key.Size)}</span>"));

    /// <summary>MudIcon's SVG; <paramref name="icon"/> is a path from <see cref="Icons"/>, trusted markup.</summary>
    public static string Svg(string icon, Size size, string? extra = null) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{Name(size)}{Extra(extra)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>";

    // MudIconButton names only a size other than medium.
    private static string IconSize(Size size) => size == Size.Medium ? "" : $" mud-icon-button-size-{Name(size)}";

    private static string Extra(string? extra) => string.IsNullOrWhiteSpace(extra) ? "" : " " + extra;

    private static string Name(Variant variant) => variant.ToString().ToLowerInvariant();

    private static string Name(Color color) => color.ToString().ToLowerInvariant();

    private static string Name(Size size) => size.ToString().ToLowerInvariant();
}
