using DoiThoai.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace DoiThoai.Web.Tests.Components;

/// <summary>The app's own toast settings: a burst of success notes at the desk never piles up over the list.</summary>
public sealed class ToastTests
{
    [Fact]
    public async Task At_most_two_toasts_show_newest_first_briefly_and_a_repeat_is_shown_once()
    {
        await using var app = new TestApp();
        var toasts = app.AppServices.GetRequiredService<IOptions<SnackbarConfiguration>>().Value;

        Assert.Equal(2, toasts.MaxDisplayedSnackbars);
        Assert.True(toasts.NewestOnTop);
        Assert.True(toasts.PreventDuplicates);
        Assert.InRange(toasts.VisibleStateDuration, 1000, 5000);
        Assert.Equal(Defaults.Classes.Position.BottomCenter, toasts.PositionClass);
    }
}
