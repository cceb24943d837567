using System.Security.Claims;
using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Preparation.Plan;
using DoiThoai.Web.Live;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.PreparationPlan;

/// <summary>
/// The office changes the programme on the preparation page: each tap goes through the command path to a real SQLite
/// file, and what is read back is what the chair's tablet will show. Three co-chairs are kept, as seed 000 has them.
/// </summary>
public sealed class ProgrammeEditorTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal VanPhong = TestApp.Staff(StaffRoles.Organizer, "vanphong");
    private readonly TestApp _app = new();
    private readonly BunitContext _bunit;

    public ProgrammeEditorTests() => _bunit = StaffBunit.For(_app, "vanphong", StaffRoles.Organizer, typeof(MeetingCommands));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_ward_programme_from_seed_000_is_chosen_adjusted_step_by_step_and_stored_with_three_co_chairs()
    {
        var form = PlanCreationTests.Form();
        form.Chairs =
        [
            new ChairRow { Name = "Nguyễn Văn Thành", Title = "Bí thư Đảng ủy, Chủ tịch HĐND phường" },
            new ChairRow { Name = "Trần Thị Hằng", Title = "Phó Bí thư Thường trực Đảng ủy" },
            new ChairRow { Name = "Lê Quang Minh", Title = "Phó Bí thư Đảng ủy, Chủ tịch UBND phường" },
        ];
        var (id, error) = await PreparationPlans.CreateAsync(_app.Commands, VanPhong, form);
        Assert.Null(error);
        Assert.Equal(3, (await _app.LoadAsync(id!.Value)).Chairs.Count);

        var editor = Render(await _app.LoadAsync(id.Value));
        Assert.Equal(8, editor.FindAll("[data-testid=programme-step]").Count);

        // The template replaces the whole programme: it asks a second tap first.
        editor.Find("[data-testid=programme-template]").Change("phuong-7");
        await TapAsync(editor, "[data-testid=programme-use-template]");
        Assert.Equal(8, (await _app.LoadAsync(id.Value)).Agenda.Count);
        await TapAsync(editor, "[data-testid=programme-use-template]");
        editor = Render(await _app.LoadAsync(id.Value));
        Assert.Equal(7, editor.FindAll("[data-testid=programme-step]").Count);

        // Drop the MTTQ step (two taps), move the conclusion up, add one at the end, rename it.
        await TapAsync(editor, "[data-number='5'] [data-testid=programme-remove]");
        await TapAsync(editor, "[data-number='5'] [data-testid=programme-remove]");
        editor = Render(await _app.LoadAsync(id.Value));
        await TapAsync(editor, "[data-number='6'] [data-testid=programme-up]");
        editor = Render(await _app.LoadAsync(id.Value));
        editor.Find("input[data-testid=programme-new-title], [data-testid=programme-new-title] input").Change("Ý kiến của đại biểu thành phố");
        await TapAsync(editor, "[data-testid=programme-add]");
        editor = Render(await _app.LoadAsync(id.Value));
        await TapAsync(editor, "[data-number='7'] [data-testid=programme-edit]");
        editor.Find("[data-testid=programme-title] input, input[data-testid=programme-title]").Change("Ý kiến của đại biểu thành phố (nếu có)");
        await TapAsync(editor, "[data-testid=programme-save]");

        var stored = (await _app.LoadAsync(id.Value)).Agenda.OrderBy(s => s.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 7), stored.Select(s => s.Number));
        Assert.Equal("Bí thư Đảng ủy kết luận hội nghị", stored[4].Title);
        Assert.Equal("Chủ trì trả lời, làm rõ các ý kiến đối thoại", stored[5].Title);
        Assert.Equal("Ý kiến của đại biểu thành phố (nếu có)", stored[6].Title);
        Assert.DoesNotContain(stored, s => s.Title.Contains("MTTQ", StringComparison.Ordinal));

        // A bad step is refused in Vietnamese and nothing is stored.
        editor = Render(await _app.LoadAsync(id.Value));
        editor.Find("input[data-testid=programme-new-title], [data-testid=programme-new-title] input").Change("   ");
        await TapAsync(editor, "[data-testid=programme-add]");
        editor.WaitForAssertion(() => Assert.Contains("Tên bước cần từ 1 đến 300 ký tự", editor.Find("[data-testid=programme-error]").TextContent));
        Assert.Equal(7, (await _app.LoadAsync(id.Value)).Agenda.Count);
    }

    private IRenderedComponent<ProgrammeEditor> Render(Meeting meeting) =>
        _bunit.Render<ProgrammeEditor>(p => p.Add(x => x.Meeting, meeting).Add(x => x.Editable, true));

    private static async Task TapAsync(IRenderedComponent<ProgrammeEditor> editor, string selector)
    {
        await editor.Find(selector).ClickAsync(new());
        // The command has been answered when the buttons are enabled again.
        editor.WaitForAssertion(() => Assert.DoesNotContain(editor.FindAll("[data-testid=programme-add]"), b => b.HasAttribute("disabled")));
    }
}
