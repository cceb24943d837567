using System.IO.Compression;
using System.Text.RegularExpressions;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Operations;
using DoiThoai.Web.Features.Projector;
using DoiThoai.Web.Tests.Integration;
using DoiThoai.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Web.Tests.Operations;

/// <summary>Backups of a running hall, what keep-N prunes, and a restore that finds everything again.</summary>
public sealed class BackupTests
{
    private static readonly byte[] AnswerFile = "%PDF-1.4 công văn trả lời ông Nguyễn Văn An"u8.ToArray();

    [Fact]
    public async Task A_backup_taken_while_phones_keep_sending_restores_into_a_new_folder_with_its_requests_files_and_keys()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        string file, projectorPath, answer;
        int inBackupAtLeast, written;
        Guid meetingId;
        await using (var app = new TestApp(dataDirectory))
        {
            var meeting = await app.DemoMeetingAsync();
            meetingId = meeting.Id;
            projectorPath = app.AppServices.GetRequiredService<ProjectorLinks>().PathFor(meeting.Id, meeting.ProjectorLinkVersion);
            await using (var upload = new MemoryStream(AnswerFile))
                answer = (await FollowUpFiles.SaveAsync(dataDirectory, "tra-loi.pdf", upload, CancellationToken.None)).RelativePath!;
            using (var phone = new PhoneClient(app))
                await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed("Trước Sao Lưu"));
            // The hall's HTTPS authority, as a first https start makes it.
            DoiThoai.Web.Features.Security.HallCertificate.ServerCertificate(dataDirectory, [], DateTimeOffset.UtcNow).Dispose();

            // Phones keep sending while the backup runs: the app is not stopped, nothing waits for it.
            using var stop = new CancellationTokenSource();
            var sent = 0;
            var phones = Task.Run(async () =>
            {
                using var phone = new PhoneClient(app);
                while (!stop.IsCancellationRequested)
                {
                    await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed($"Người gửi {sent + 1}"));
                    Interlocked.Increment(ref sent);
                }
            });
            while (Volatile.Read(ref sent) < 3) await Task.Delay(10);
            inBackupAtLeast = await app.RequestCountAsync(meeting.Id);
            var result = await Task.Run(() => Backups.Create(dataDirectory, Backups.DefaultKeep, DateTime.Now));
            var sentAtBackupEnd = Volatile.Read(ref sent);
            while (Volatile.Read(ref sent) < sentAtBackupEnd + 3) await Task.Delay(10);
            await stop.CancelAsync();
            await phones;
            written = await app.RequestCountAsync(meeting.Id);
            file = result.File;

            Assert.Matches(@"^doithoai-\d{8}-\d{6}\.zip$", Path.GetFileName(file));
            Assert.Equal(Path.Combine(dataDirectory, Backups.Folder), Path.GetDirectoryName(file));
            Assert.Equal(1, result.Attachments);
            Assert.Equal([file], Directory.EnumerateFiles(Path.GetDirectoryName(file)!));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(Storage.OwnerOnlyFile, File.GetUnixFileMode(file));
                Assert.Equal(Storage.OwnerOnly, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
            }
            // The phones never noticed: no busy database, no failed request.
            Assert.DoesNotContain(app.Log.Since(0), line => line.Contains(" Error ") || line.Contains(" Critical "));
        }

        var fresh = TestApp.NewDataDirectory();
        var restored = Backups.Restore(fresh, file, DateTime.Now);
        Assert.Null(restored.SetAside);
        Assert.Equal(1, restored.Attachments);

        await using var second = new TestApp(fresh);
        await using var db = await second.OpenDbAsync();
        var names = await db.SpeakRequests.Where(r => r.MeetingId == meetingId).Select(r => r.Name).ToListAsync();
        Assert.Contains("Trước Sao Lưu", names);
        // A consistent snapshot from the middle of the stream: everything before it, nothing torn, not what came after.
        Assert.InRange(names.Count, inBackupAtLeast, written - 1);
        Assert.Equal(AnswerFile, await File.ReadAllBytesAsync(Path.Combine(fresh, answer)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(Storage.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(fresh, Storage.DatabaseFile)));
            Assert.Equal(Storage.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(fresh, answer)));
        }
        // The hall's certificate authority came along: staff devices that installed it trust the restored machine.
        Assert.Equal(DoiThoai.Web.Features.Security.HallCertificate.AuthorityCertificate(dataDirectory),
            DoiThoai.Web.Features.Security.HallCertificate.AuthorityCertificate(fresh));
        // The keys came along: a projector link printed before the backup still opens on the restored data.
        using var kiosk = second.CreateClient();
        Assert.DoesNotContain("data-testid=\"projector-invalid\"", await kiosk.GetStringAsync(projectorPath));
    }

    [Fact]
    public async Task Only_the_newest_backups_are_kept_and_copies_named_by_hand_stay()
    {
        var dataDirectory = await DataFolderWithDatabaseAsync();
        var folder = Path.Combine(dataDirectory, Backups.Folder);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "doithoai-truoc-nang-cap.zip"), "giữ lại");
        await File.WriteAllTextAsync(Path.Combine(folder, "ghi-chu.txt"), "giữ lại");
        var start = new DateTime(2026, 12, 1, 21, 0, 0);

        for (var day = 0; day < 5; day++) Backups.Create(dataDirectory, 3, start.AddDays(day));
        // A second backup within the same second is newer than the first, not pruned as older.
        var pruned = Backups.Create(dataDirectory, 3, start.AddDays(4)).Pruned;

        Assert.Equal(["doithoai-20261203-210000.zip"], pruned.Select(Path.GetFileName));
        Assert.Equal(
            ["doithoai-20261204-210000.zip", "doithoai-20261205-210000-2.zip", "doithoai-20261205-210000.zip", "doithoai-truoc-nang-cap.zip", "ghi-chu.txt"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Restore_refuses_while_the_app_runs_and_once_stopped_sets_the_current_data_aside_and_puts_the_backup_in_place()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        string file;
        await using (var app = new TestApp(dataDirectory))
        {
            var meeting = await app.DemoMeetingAsync();
            var demoRequests = await app.RequestCountAsync(meeting.Id);
            using var phone = new PhoneClient(app);
            await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed("Có Trong Bản Sao"));
            file = Backups.Create(dataDirectory, 3, DateTime.Now).File;
            await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed("Gửi Sau Sao Lưu"));

            // Names only: the running app may touch its own WAL files meanwhile.
            var before = Listing(dataDirectory, withContent: false);
            var refused = Assert.Throws<OperationFailed>(() => Backups.Restore(dataDirectory, file, DateTime.Now));
            Assert.Equal(Backups.AppRunning, refused.Message);
            Assert.Equal(before, Listing(dataDirectory, withContent: false));
            Assert.Equal(demoRequests + 2, await app.RequestCountAsync(meeting.Id));
        }

        var result = Backups.Restore(dataDirectory, file, new DateTime(2026, 12, 6, 8, 30, 0));

        Assert.Equal(Path.Combine(dataDirectory, "truoc-khoi-phuc-20261206-083000"), result.SetAside);
        // The replaced data is kept whole (database with its WAL, files, keys), never deleted.
        Assert.Contains("Gửi Sau Sao Lưu", NamesIn(Path.Combine(result.SetAside!, Storage.DatabaseFile)));
        Assert.True(Directory.EnumerateFiles(Path.Combine(result.SetAside!, Storage.KeysFolder)).Any());
        await using var restarted = new TestApp(dataDirectory);
        await using var db = await restarted.OpenDbAsync();
        var names = await db.SpeakRequests.Select(r => r.Name).ToListAsync();
        Assert.Contains("Có Trong Bản Sao", names);
        Assert.DoesNotContain("Gửi Sau Sao Lưu", names);
    }

    [Fact]
    public async Task A_file_that_is_not_a_good_backup_is_refused_and_changes_nothing()
    {
        var dataDirectory = await DataFolderWithDatabaseAsync();
        var good = Backups.Create(dataDirectory, 3, DateTime.Now).File;
        var work = Path.Combine(TestApp.NewDataDirectory() + "-tep-hong");
        Directory.CreateDirectory(work);
        var goodBytes = await File.ReadAllBytesAsync(good);

        var bad = new Dictionary<string, string>
        {
            ["random bytes"] = Write(work, "ngau-nhien.zip", Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray()),
            ["truncated backup"] = Write(work, "bi-cat.zip", goodBytes[..(goodBytes.Length / 2)]),
            ["zip without a database"] = Zip(work, "khong-co-csdl.zip", ("files/a.pdf", AnswerFile)),
            ["database that is text"] = Zip(work, "csdl-la-chu.zip", (Storage.DatabaseFile, "không phải SQLite"u8.ToArray())),
            ["foreign SQLite database"] = Zip(work, "csdl-la.zip", (Storage.DatabaseFile, ForeignDatabase(work))),
            ["corrupt database pages"] = Zip(work, "csdl-hong.zip", (Storage.DatabaseFile, Corrupted(DatabaseIn(good)))),
            ["from a newer version"] = Zip(work, "ban-moi-hon.zip", (Storage.DatabaseFile, WithFutureMigration(work, DatabaseIn(good)))),
            ["a path out of the folder"] = Zip(work, "ra-ngoai.zip", (Storage.DatabaseFile, DatabaseIn(good)), ("files/../../ngoai.txt", "x"u8.ToArray())),
            ["an unexpected entry"] = Zip(work, "muc-la.zip", (Storage.DatabaseFile, DatabaseIn(good)), ("mat-khau-quan-tri.txt", "x"u8.ToArray())),
        };
        var before = Listing(dataDirectory);

        foreach (var (why, file) in bad)
        {
            var refused = Assert.Throws<OperationFailed>(() => Backups.Restore(dataDirectory, file, DateTime.Now));
            Assert.True(refused.Message.EndsWith("Chưa thay đổi gì.", StringComparison.Ordinal), $"{why}: {refused.Message}");
            Assert.Contains(file, refused.Message);
            Assert.True(before.SequenceEqual(Listing(dataDirectory)), $"{why} changed the data folder");
        }
        Assert.False(File.Exists(Path.Combine(dataDirectory, "ngoai.txt")));
        // The good one goes in, which shows the refusals were about the files, not the folder.
        Assert.NotNull(Backups.Restore(dataDirectory, good, DateTime.Now).SetAside);
    }

    [Fact]
    public void A_backup_without_a_database_or_with_a_bad_keep_fails_clearly_and_writes_nothing()
    {
        var empty = TestApp.NewDataDirectory();
        Directory.CreateDirectory(empty);

        var missing = Assert.Throws<OperationFailed>(() => Backups.Create(empty, 3, DateTime.Now));
        Assert.StartsWith("Không có cơ sở dữ liệu", missing.Message);
        Assert.Equal(Backups.BadKeep, Assert.Throws<OperationFailed>(() => Backups.Create(empty, 0, DateTime.Now)).Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));

        // Not a database at all: the snapshot fails and no file that looks like a backup, nor a temporary one, is left.
        File.WriteAllText(Path.Combine(empty, Storage.DatabaseFile), "không phải SQLite, chỉ là chữ");
        var broken = Assert.Throws<OperationFailed>(() => Backups.Create(empty, 3, DateTime.Now));
        Assert.StartsWith("Không sao lưu được", broken.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(empty, Backups.Folder)));
    }

    /// <summary>The real command line, against a running app, as cron or a systemd timer would call it.</summary>
    [Fact]
    public async Task The_command_line_backs_up_a_running_app_refuses_to_restore_under_it_and_restores_into_a_new_folder()
    {
        var dll = DoiThoai.LoadTool.Targets.AppDll(new DoiThoai.LoadTool.LoadOptions());
        Assert.True(File.Exists(dll), $"{dll} is built with the solution");
        var dataDirectory = TestApp.NewDataDirectory();
        await using var app = new TestApp(dataDirectory);
        var meeting = await app.DemoMeetingAsync();
        using (var phone = new PhoneClient(app))
            await phone.SubmitAsync(meeting.PublicCode, PhoneClient.Typed("Qua Dòng Lệnh"));

        var backup = await RunAsync(dll, "backup", "--keep", "2", $"--DoiThoai:DataDirectory={dataDirectory}");
        Assert.True(backup.Code == 0, backup.Error);
        var written = Regex.Match(backup.Output, @"^Đã sao lưu vào (\S+\.zip) \(");
        Assert.True(written.Success, backup.Output);
        Assert.Contains("giữ 2 bản mới nhất", backup.Output);

        var underApp = await RunAsync(dll, "restore", written.Groups[1].Value, $"--DoiThoai:DataDirectory={dataDirectory}");
        Assert.Equal(1, underApp.Code);
        Assert.Equal(Backups.AppRunning, underApp.Error.Trim());

        var badKeep = await RunAsync(dll, "backup", "--keep", "mười", $"--DoiThoai:DataDirectory={dataDirectory}");
        Assert.Equal(2, badKeep.Code);
        Assert.Equal(Backups.BadKeep, badKeep.Error.Trim());

        var fresh = TestApp.NewDataDirectory();
        var notBackup = await RunAsync(dll, "restore", dll, $"--DoiThoai:DataDirectory={fresh}");
        Assert.Equal(1, notBackup.Code);
        Assert.Contains("không phải bản sao lưu DoiThoai", notBackup.Error);
        Assert.DoesNotContain("   at ", notBackup.Error);

        var restore = await RunAsync(dll, "restore", written.Groups[1].Value, $"--DoiThoai:DataDirectory={fresh}");
        Assert.True(restore.Code == 0, restore.Error);
        Assert.Contains("Hãy khởi động lại dịch vụ.", restore.Output);
        await using var second = new TestApp(fresh);
        await using var db = await second.OpenDbAsync();
        Assert.True(await db.SpeakRequests.AnyAsync(r => r.Name == "Qua Dòng Lệnh"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string dll, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static async Task<string> DataFolderWithDatabaseAsync()
    {
        var dataDirectory = TestApp.NewDataDirectory();
        await using var app = new TestApp(dataDirectory);
        _ = app.AppServices;
        return dataDirectory;
    }

    /// <summary>Every file and folder under the folder, with a hash of each file's content.</summary>
    private static List<string> Listing(string folder, bool withContent = true) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != RunningLock.FileName)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f)
                + (withContent && File.Exists(f) ? " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) : ""))];

    private static List<string> NamesIn(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name FROM SpeakRequests";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static byte[] DatabaseIn(string backup)
    {
        using var zip = ZipFile.OpenRead(backup);
        using var stream = new MemoryStream();
        using (var entry = zip.GetEntry(Storage.DatabaseFile)!.Open()) entry.CopyTo(stream);
        return stream.ToArray();
    }

    private static byte[] ForeignDatabase(string work) => Sql(work, null, "CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('sổ tay');");

    private static byte[] WithFutureMigration(string work, byte[] database) =>
        Sql(work, database, "INSERT INTO __EFMigrationsHistory VALUES ('29991231000000_FromTheFuture', '99.0.0');");

    private static byte[] Sql(string work, byte[]? database, string sql)
    {
        var path = Path.Combine(work, Guid.NewGuid().ToString("N") + ".db");
        if (database is not null) File.WriteAllBytes(path, database);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        return File.ReadAllBytes(path);
    }

    /// <summary>Pages 2 to 4 (tables' b-tree pages) overwritten: the file still opens, the integrity check does not pass.</summary>
    private static byte[] Corrupted(byte[] database)
    {
        var copy = database.ToArray();
        var pageSize = copy[16] << 8 | copy[17];
        for (var i = pageSize; i < Math.Min(copy.Length, pageSize * 4); i++) copy[i] = (byte)(i * 31);
        return copy;
    }

    private static string Write(string work, string name, byte[] content)
    {
        var path = Path.Combine(work, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Zip(string work, string name, params (string Entry, byte[] Content)[] entries)
    {
        var path = Path.Combine(work, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(content);
        }
        return path;
    }
}
