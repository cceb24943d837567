using Bunit;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Delegates.Import;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DoiThoai.Web.Tests.Import;

/// <summary>The import panel with a real file upload (bUnit's InputFile) over the real command service.</summary>
public sealed class ImportPanelTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();
    private readonly TestApp _app = new();

    public ImportPanelTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddSingleton(_app.Commands);
        // Last: registering services after one has been resolved throws (STACK.md trap 4).
        _bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_chosen_file_is_previewed_and_only_confirm_imports_its_valid_rows()
    {
        var meetingId = await ImportApp.EmptyMeetingAsync(_app);
        var imported = new List<DelegateImportResult>();
        var panel = Render(await _app.LoadAsync(meetingId), imported);

        Assert.Equal(ImportEndpoints.TemplatePath(meetingId), panel.Find("[data-testid=import-template]").GetAttribute("href"));
        Assert.Equal("file", panel.Find("input[data-testid=import-file]").GetAttribute("type"));
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(MessyLists.Xlsx(), "danh sach.xlsx"));

        panel.WaitForAssertion(() => Assert.Contains("9 dòng: 5 thêm mới, 0 cập nhật, 0 giữ nguyên, 4 dòng có lỗi sẽ bỏ qua",
            panel.Find("[data-testid=import-summary]").TextContent));
        Assert.Equal(MessyLists.XlsxProblems, panel.FindAll("[data-testid=import-problem]").Select(p => p.TextContent));
        var rows = panel.FindAll("[data-testid=import-row]");
        Assert.Equal(["6", "7", "9", "10", "11", "12", "14", "15", "16"], rows.Select(r => r.GetAttribute("data-line")));
        Assert.Contains("Trần Văn Bình", rows[0].TextContent);
        Assert.Contains("Thêm mới", rows[0].TextContent);
        Assert.Contains("Có lỗi", rows[7].TextContent);
        Assert.Empty((await _app.LoadAsync(meetingId)).Delegates); // a preview writes nothing

        panel.Find("[data-testid=import-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Contains("thêm mới 5, cập nhật 0, giữ nguyên 0. Bỏ qua 4 dòng có lỗi.",
            panel.Find("[data-testid=import-result]").TextContent));
        // The result shows before the upload is cleared and the page told; wait for the callback too.
        panel.WaitForAssertion(() => Assert.Equal([new DelegateImportResult(5, 0, 0)], imported));
        Assert.Empty(panel.FindAll("[data-testid=import-row]"));
        Assert.Equal(5, (await _app.LoadAsync(meetingId)).Delegates.Count);
    }

    [Fact]
    public async Task Cancel_drops_the_preview_and_a_bad_file_shows_its_message()
    {
        var meetingId = await ImportApp.EmptyMeetingAsync(_app);
        var panel = Render(await _app.LoadAsync(meetingId), []);
        var upload = panel.FindComponent<InputFile>();

        upload.UploadFiles(InputFileContent.CreateFromText("STT;Chức vụ\n1;Trưởng xóm\n", "sai.csv"));
        panel.WaitForAssertion(() => Assert.Contains("Không tìm thấy dòng tiêu đề có cột “Họ và tên”", panel.Find("[data-testid=import-error]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=import-confirm]"));

        upload.UploadFiles(InputFileContent.CreateFromBinary(MessyLists.Csv(), "danh-sach.csv"));
        panel.WaitForAssertion(() => Assert.Equal(6, panel.FindAll("[data-testid=import-row]").Count));
        Assert.Empty(panel.FindAll("[data-testid=import-error]"));
        Assert.Contains("Nhập 4 đại biểu", panel.Find("[data-testid=import-confirm]").TextContent);
        panel.Find("[data-testid=import-cancel]").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=import-row]")));
        Assert.Empty((await _app.LoadAsync(meetingId)).Delegates);
    }

    [Fact]
    public async Task A_file_over_the_row_limit_shows_the_Vietnamese_refusal_and_writes_nothing()
    {
        var meetingId = await ImportApp.EmptyMeetingAsync(_app);
        var before = (await _app.LoadAsync(meetingId)).LastSequence;
        var panel = Render(await _app.LoadAsync(meetingId), []);
        var file = RawXlsx.Build("A1:XFD1048576",
            [RawXlsx.Row(1, "STT", "Họ và tên"), RawXlsx.Row(2, "1", "Nguyễn Văn An"), RawXlsx.Row(1_048_576, "", "Nguyễn Văn Cuối")]);

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "ds.xlsx"));

        panel.WaitForAssertion(() => Assert.Contains("Tệp có quá nhiều dòng (tối đa 5.000 dòng). Hãy chia nhỏ danh sách.",
            panel.Find("[data-testid=import-error]").TextContent), TimeSpan.FromSeconds(60));
        Assert.Empty(panel.FindAll("[data-testid=import-confirm]"));
        var after = await _app.LoadAsync(meetingId);
        Assert.Empty(after.Delegates);
        Assert.Equal(before, after.LastSequence);
    }

    private IRenderedComponent<CascadingValue<Task<AuthenticationState>>> Render(Meeting meeting, List<DelegateImportResult> imported) =>
        _bunit.Render<CascadingValue<Task<AuthenticationState>>>(root => root
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(Hall.Reception)))
            .AddChildContent<ImportPanel>(panel => panel
                .Add(p => p.Meeting, meeting)
                .Add(p => p.OnImported, imported.Add)));
}
