using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DoiThoai.Web.Features.Operations;

/// <summary>An operation refused or failed; the message is for the operator, in Vietnamese, and nothing was left half done.</summary>
public sealed class OperationFailed(string message, Exception? inner = null) : Exception(message, inner);

public sealed record BackupResult(string File, long Bytes, int Attachments, IReadOnlyList<string> Pruned);

/// <param name="SetAside">Where the data that was in place went (null when the folder held none).</param>
public sealed record RestoreResult(string? SetAside, int Attachments);

/// <summary>
/// Backups of a data folder as one zip: the database (an online snapshot through SQLite's backup API, consistent while
/// the app keeps writing), the answers' files and the Data Protection keys (without them, printed projector links and
/// phones' device cookies would stop working on the restored data). Restore checks a backup fully before it moves
/// anything, and never deletes the data it replaces.
/// </summary>
public static partial class Backups
{
    public const string Folder = "sao-luu";
    public const string SetAsidePrefix = "truoc-khoi-phuc-";
    public const int DefaultKeep = 14;
    public const int MaxKeep = 1000;

    public static readonly string BadKeep = $"Số bản sao lưu giữ lại (--keep) phải là số nguyên từ 1 đến {MaxKeep}.";
    public const string AppRunning =
        "Ứng dụng đang chạy trên thư mục dữ liệu này. Hãy dừng dịch vụ trước (sudo systemctl stop doithoai), khôi phục, rồi khởi động lại. Chưa thay đổi gì.";

    // The hall's certificate authority too: staff devices that installed it keep trusting the restored machine.
    private static readonly string[] Folders = [FollowUpFiles.Folder, Storage.KeysFolder, DoiThoai.Web.Features.Security.HallCertificate.Folder];

    // Only names this command wrote are pruned: a copy someone renamed by hand ("doithoai-truoc-nang-cap.zip") stays.
    [GeneratedRegex(@"^doithoai-\d{8}-\d{6}(-\d+)?\.zip$")]
    private static partial Regex BackupName();

    /// <summary>Writes a dated backup of the data folder into <paramref name="folder"/> (default: the data folder's sao-luu/) and keeps the newest <paramref name="keep"/>.</summary>
    public static BackupResult Create(string dataDirectory, int keep, DateTime now, string? folder = null)
    {
        if (keep is < 1 or > MaxKeep) throw new OperationFailed(BadKeep);
        dataDirectory = Path.GetFullPath(dataDirectory);
        var database = Path.Combine(dataDirectory, Storage.DatabaseFile);
        if (!File.Exists(database))
            throw new OperationFailed($"Không có cơ sở dữ liệu {database}: ứng dụng chưa chạy lần nào với thư mục dữ liệu này, hoặc DoiThoai:DataDirectory chỉ sai chỗ. Chưa sao lưu gì.");
        folder = Path.GetFullPath(folder ?? Path.Combine(dataDirectory, Folder));
        string? temp = null, snapshot = null;
        try
        {
            Storage.OwnerOnlyDirectory(folder);
            var name = FreeName(folder, now);
            // Written under a hidden temporary name and renamed when complete: a failure never leaves a file that looks like a backup.
            temp = Path.Combine(folder, $".{name}.tmp");
            snapshot = temp + ".db";
            Snapshot(database, snapshot);
            int attachments;
            using (var stream = new FileStream(temp, OwnerOnlyNewFile()))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    zip.CreateEntryFromFile(snapshot, Storage.DatabaseFile, CompressionLevel.Optimal);
                    attachments = AddFolder(zip, dataDirectory, FollowUpFiles.Folder);
                    AddFolder(zip, dataDirectory, Storage.KeysFolder);
                    AddFolder(zip, dataDirectory, DoiThoai.Web.Features.Security.HallCertificate.Folder);
                }
                stream.Flush(flushToDisk: true);
            }
            var file = Path.Combine(folder, name);
            File.Move(temp, file);
            IReadOnlyList<string> pruned;
            try
            {
                pruned = Prune(folder, keep);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OperationFailed($"Đã sao lưu vào {file}, nhưng không xoá được bản cũ: {e.Message}", e);
            }
            return new BackupResult(file, new FileInfo(file).Length, attachments, pruned);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new OperationFailed($"{(IsDiskFull(e) ? "Ổ đĩa đầy" : "Không sao lưu được")}: {e.Message} Chưa có bản sao lưu mới nào được ghi.", e);
        }
        finally
        {
            DeleteQuietly(temp);
            DeleteQuietly(snapshot);
            DeleteQuietly(snapshot + "-journal");
        }
    }

    /// <summary>Deletes the oldest backups this command wrote in <paramref name="folder"/> beyond the newest <paramref name="keep"/>.</summary>
    public static IReadOnlyList<string> Prune(string folder, int keep)
    {
        var old = Directory.EnumerateFiles(folder, "doithoai-*.zip")
            .Where(f => BackupName().IsMatch(Path.GetFileName(f)))
            // Dated names sort in time; "-2" (a second backup in the same second) sorts after its first.
            .OrderByDescending(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var file in old) File.Delete(file);
        return old;
    }

    /// <summary>
    /// Puts a backup in place of the data folder's database, files and keys. The app must be stopped; the current ones are
    /// moved to truoc-khoi-phuc-yyyyMMdd-HHmmss/ in the data folder. A file that is not a good backup changes nothing.
    /// </summary>
    public static RestoreResult Restore(string dataDirectory, string backupFile, DateTime now)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        backupFile = Path.GetFullPath(backupFile);
        if (!File.Exists(backupFile)) throw new OperationFailed($"Không tìm thấy tệp sao lưu {backupFile}. Chưa thay đổi gì.");
        string? staging = null;
        try
        {
            Storage.OwnerOnlyDirectory(dataDirectory);
            // Held for the whole swap: the app cannot be running on this folder, and no second restore runs alongside.
            using var running = RunningLock.TryTake(dataDirectory) ?? throw new OperationFailed(AppRunning);
            staging = Path.Combine(dataDirectory, $".khoi-phuc-{Guid.NewGuid():N}");
            Storage.OwnerOnlyDirectory(staging);
            var attachments = Extract(backupFile, staging);
            CheckAndPrepareDatabase(Path.Combine(staging, Storage.DatabaseFile), backupFile);
            var aside = Swap(dataDirectory, staging, now);
            Storage.OwnerOnlyDatabaseFiles(dataDirectory);
            return new RestoreResult(aside, attachments);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            throw new OperationFailed($"{(IsDiskFull(e) ? "Ổ đĩa đầy" : "Không khôi phục được")}: {e.Message} Dữ liệu đang có vẫn ở nguyên chỗ cũ.", e);
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static string NotABackup(string file, string why) =>
        $"Tệp {file} không phải bản sao lưu DoiThoai dùng được ({why}). Chưa thay đổi gì.";

    /// <summary>SQLite's online backup: a consistent snapshot read in one step while the app's connections keep writing (WAL).</summary>
    private static void Snapshot(string database, string target)
    {
        // Created empty and owner-only first: SQLite would create it with the process's umask.
        new FileStream(target, OwnerOnlyNewFile()).Dispose();
        using var source = Open(database);
        using var copy = Open(target);
        source.BackupDatabase(copy);
        // The copy is one self-contained file, not a WAL database waiting for its -wal.
        Execute(copy, "PRAGMA journal_mode=DELETE;");
        var check = Scalar(copy, "PRAGMA integrity_check;");
        if (check != "ok") throw new OperationFailed($"Bản chụp cơ sở dữ liệu không đạt kiểm tra toàn vẹn ({check}). Chưa có bản sao lưu mới nào được ghi.");
    }

    private static SqliteConnection Open(string file)
    {
        // Mode ReadWrite, not ReadWriteCreate: a missing file is an error, never a new empty database.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
        }.ToString());
        connection.Open();
        // Waits out a checkpoint or a writer's brief lock instead of failing the backup.
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static int AddFolder(ZipArchive zip, string dataDirectory, string name)
    {
        var root = Path.Combine(dataDirectory, name);
        if (!Directory.Exists(root)) return 0;
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            try
            {
                zip.CreateEntryFromFile(file, Path.GetRelativePath(dataDirectory, file).Replace('\\', '/'), CompressionLevel.Fastest);
                count++;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // An answer's file replaced since the listing: the app deleted the old one, the new one is listed.
            }
        }
        return count;
    }

    /// <summary>Unpacks into the staging folder, refusing anything but the database, files/ and keys/.</summary>
    private static int Extract(string backupFile, string staging)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(backupFile);
        }
        catch (InvalidDataException)
        {
            throw new OperationFailed(NotABackup(backupFile, "không phải tệp zip"));
        }
        using (zip)
        {
            if (zip.GetEntry(Storage.DatabaseFile) is null) throw new OperationFailed(NotABackup(backupFile, $"không có {Storage.DatabaseFile}"));
            var attachments = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/')) continue;
                var folder = name.Split('/')[0];
                if (name != Storage.DatabaseFile && !(Folders.Contains(folder) && name.Length > folder.Length + 1))
                    throw new OperationFailed(NotABackup(backupFile, $"có mục lạ {name}"));
                var target = Path.GetFullPath(Path.Combine(staging, name));
                if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new OperationFailed(NotABackup(backupFile, $"có đường dẫn ra ngoài thư mục: {name}"));
                Storage.OwnerOnlyDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    using var input = entry.Open();
                    using var output = new FileStream(target, OwnerOnlyNewFile());
                    input.CopyTo(output);
                }
                catch (InvalidDataException)
                {
                    throw new OperationFailed(NotABackup(backupFile, $"{name} bị hỏng"));
                }
                if (folder == FollowUpFiles.Folder) attachments++;
            }
            return attachments;
        }
    }

    /// <summary>It opens as SQLite, passes the integrity check, is this app's database and not from a newer version.</summary>
    private static void CheckAndPrepareDatabase(string database, string backupFile)
    {
        try
        {
            using var connection = Open(database);
            var check = Scalar(connection, "PRAGMA integrity_check;");
            if (check != "ok") throw new OperationFailed(NotABackup(backupFile, $"cơ sở dữ liệu không đạt kiểm tra toàn vẹn: {check}"));
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table';");
            var missing = new[] { "__EFMigrationsHistory", "Meetings", "SpeakRequests", "AspNetUsers" }.Where(t => !tables.Contains(t)).ToList();
            if (missing.Count > 0) throw new OperationFailed(NotABackup(backupFile, $"thiếu bảng {string.Join(", ", missing)}"));
            var applied = Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory;");
            if (applied.Count == 0) throw new OperationFailed(NotABackup(backupFile, "lịch sử cập nhật cơ sở dữ liệu trống"));
            var unknown = applied.Except(KnownMigrations()).ToList();
            if (unknown.Count > 0)
                throw new OperationFailed($"Tệp {backupFile} do một phiên bản DoiThoai khác bản đang cài tạo (cập nhật lạ: {string.Join(", ", unknown.Take(3))}). Hãy khôi phục bằng đúng phiên bản đã tạo nó. Chưa thay đổi gì.");
            // Back to WAL, as the app keeps it: its start-up check opens the file read-only and could not switch it then.
            Execute(connection, "PRAGMA journal_mode=WAL;");
        }
        catch (SqliteException e)
        {
            throw new OperationFailed(NotABackup(backupFile, $"cơ sở dữ liệu không mở được: {e.Message}"), e);
        }
    }

    private static IEnumerable<string> KnownMigrations()
    {
        using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>Moves the current data aside, then the staged backup in; on a failure half way, puts the current data back.</summary>
    private static string? Swap(string dataDirectory, string staging, DateTime now)
    {
        var aside = FreeFolder(dataDirectory, SetAsidePrefix + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var current = new[] { Storage.DatabaseFile, Storage.DatabaseFile + "-wal", Storage.DatabaseFile + "-shm", Storage.DatabaseFile + "-journal" }
            .Concat(Folders)
            .Where(n => Path.Exists(Path.Combine(dataDirectory, n)))
            .ToList();
        var incoming = Folders.Prepend(Storage.DatabaseFile).Where(n => Path.Exists(Path.Combine(staging, n))).ToList();
        var movedAside = new List<string>();
        var movedIn = new List<string>();
        try
        {
            if (current.Count > 0) Storage.OwnerOnlyDirectory(aside);
            foreach (var name in current)
            {
                Move(Path.Combine(dataDirectory, name), Path.Combine(aside, name));
                movedAside.Add(name);
            }
            foreach (var name in incoming)
            {
                Move(Path.Combine(staging, name), Path.Combine(dataDirectory, name));
                movedIn.Add(name);
            }
        }
        catch
        {
            foreach (var name in movedIn) Move(Path.Combine(dataDirectory, name), Path.Combine(staging, name));
            foreach (var name in movedAside) Move(Path.Combine(aside, name), Path.Combine(dataDirectory, name));
            if (Directory.Exists(aside) && !Directory.EnumerateFileSystemEntries(aside).Any()) Directory.Delete(aside);
            throw;
        }
        return current.Count > 0 ? aside : null;
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to);
    }

    private static string FreeName(string folder, DateTime now)
    {
        var stem = "doithoai-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = stem + ".zip";
        for (var n = 2; File.Exists(Path.Combine(folder, name)); n++) name = $"{stem}-{n}.zip";
        return name;
    }

    private static string FreeFolder(string parent, string stem)
    {
        var path = Path.Combine(parent, stem);
        for (var n = 2; Path.Exists(path); n++) path = Path.Combine(parent, $"{stem}-{n}");
        return path;
    }

    private static FileStreamOptions OwnerOnlyNewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Storage.OwnerOnlyFile;
        return options;
    }

    private static bool IsDiskFull(Exception e) =>
        e is SqliteException { SqliteErrorCode: 13 } // SQLITE_FULL
        || e.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027); // ENOSPC, ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL

    private static void DeleteQuietly(string? file)
    {
        try
        {
            if (file is not null) File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name is hidden and never taken for a backup.
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
