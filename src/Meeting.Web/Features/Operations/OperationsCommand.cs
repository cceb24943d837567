using System.Globalization;
using DoiThoai.Web.Data;

namespace DoiThoai.Web.Features.Operations;

/// <summary>
/// <c>dotnet Meeting.Web.dll backup [--keep N] [--dir FOLDER]</c> and <c>restore FILE</c>, with the app's own
/// configuration (appsettings.json, DoiThoai__ environment variables, --DoiThoai:DataDirectory=…). Exit codes: 0 done,
/// 1 failed or refused (nothing half done), 2 wrong usage. Messages are for the operator: one Vietnamese line, no stack trace.
/// </summary>
public static class OperationsCommand
{
    public const string Backup = "backup";
    public const string RestoreCommand = "restore";

    public const string Usage = """
        Cách dùng:
          dotnet Meeting.Web.dll backup [--keep N] [--dir THƯ_MỤC] [--DoiThoai:DataDirectory=…]
          dotnet Meeting.Web.dll restore TỆP_SAO_LƯU [--DoiThoai:DataDirectory=…]   (dừng dịch vụ trước)
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is Backup or RestoreCommand;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return args[0] == Backup ? RunBackup(args[1..], output, error) : RunRestore(args[1..], output, error);
        }
        catch (OperationFailed e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            // Whatever it was, the operator gets a sentence, not a stack trace; the temporary files are already cleaned up.
            error.WriteLine($"Lỗi không lường trước ({e.GetType().Name}): {e.Message}");
            return 1;
        }
    }

    private static int RunBackup(string[] args, TextWriter output, TextWriter error)
    {
        var rest = new List<string>();
        var keepText = Backups.DefaultKeep.ToString(CultureInfo.InvariantCulture);
        string? folder = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (Option(args, ref i, "--keep") is { } keep) keepText = keep;
            else if (Option(args, ref i, "--dir") is { } dir) folder = dir;
            else rest.Add(args[i]);
        }
        if (!int.TryParse(keepText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > Backups.MaxKeep)
        {
            error.WriteLine(Backups.BadKeep);
            return 2;
        }
        var result = Backups.Create(DataDirectory(rest), count, DateTime.Now, folder);
        output.WriteLine($"Đã sao lưu vào {result.File} ({Size(result.Bytes)}, {result.Attachments} tệp đính kèm); "
            + $"giữ {count} bản mới nhất{(result.Pruned.Count > 0 ? $", đã xoá {result.Pruned.Count} bản cũ" : "")}.");
        return 0;
    }

    private static int RunRestore(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            error.WriteLine("Thiếu tệp sao lưu cần khôi phục.");
            error.WriteLine(Usage);
            return 2;
        }
        var data = DataDirectory(args[1..]);
        var result = Backups.Restore(data, args[0], DateTime.Now);
        output.WriteLine($"Đã khôi phục {Path.GetFullPath(args[0])} vào {data} ({result.Attachments} tệp đính kèm). "
            + (result.SetAside is null ? "Thư mục chưa có dữ liệu cũ. " : $"Dữ liệu cũ được giữ ở {result.SetAside}. ")
            + "Hãy khởi động lại dịch vụ.");
        return 0;
    }

    /// <summary>The data folder exactly as the app would resolve it from the same arguments and environment.</summary>
    /// <summary>The SQLite data folder; a PostgreSQL installation is backed up with PostgreSQL's own tools.</summary>
    private static string DataDirectory(IEnumerable<string> configurationArgs)
    {
        var configuration = WebApplication.CreateBuilder(StartOptions.For([.. configurationArgs])).Configuration;
        if (Storage.ProviderOf(configuration) != DatabaseProvider.Sqlite)
            throw new OperationFailed("Máy chủ này dùng PostgreSQL (DoiThoai:Database = Postgres): hãy sao lưu và khôi phục bằng pg_dump / pg_restore của PostgreSQL (README, \"Chạy nhiều máy chủ\"). Chưa thay đổi gì.");
        return Storage.DataDirectoryPath(configuration);
    }

    /// <summary>"--name value" or "--name=value" at args[i]; advances i past a separate value.</summary>
    private static string? Option(string[] args, ref int i, string name)
    {
        if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        if (args[i] != name) return null;
        if (i + 1 >= args.Length) return "";
        return args[++i];
    }

    private static string Size(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, bytes / 1024)} KB"
        : (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " MB";
}
