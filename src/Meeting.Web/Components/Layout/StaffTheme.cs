using MudBlazor;

namespace DoiThoai.Web.Components.Layout;

public static class StaffTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#8b1e1e",
            Secondary = "#1f4e79",
            AppbarBackground = "#8b1e1e",
            Success = "#2e7d32",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Be Vietnam Pro", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"] },
            // Vietnamese in capitals loses legibility (and "ĐĂNG XUẤT" shouts): buttons keep sentence case.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
