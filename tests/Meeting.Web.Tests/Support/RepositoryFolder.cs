namespace DoiThoai.Web.Tests.Support;

/// <summary>The clone the tests were built from (the folder holding DoiThoai.sln, above the test output).</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DoiThoai.sln"))) return dir.FullName;
        throw new InvalidOperationException("DoiThoai.sln not found above the test output " + AppContext.BaseDirectory);
    }
}
