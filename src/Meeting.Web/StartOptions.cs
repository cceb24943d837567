namespace DoiThoai.Web;

/// <summary>How the app and its command-line operations (backup, restore) read their configuration: the same way.</summary>
public static class StartOptions
{
    public static WebApplicationOptions For(string[] args) => new()
    {
        Args = args,
        // Started from another folder (a service, a script): read appsettings.json and serve files from the app's own
        // folder, not from wherever the shell stood (that served every CSS and JS file empty, silently).
        ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? Directory.GetCurrentDirectory()
            : AppContext.BaseDirectory,
    };
}
