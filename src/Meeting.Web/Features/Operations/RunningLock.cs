using DoiThoai.Web.Data;

namespace DoiThoai.Web.Features.Operations;

/// <summary>
/// A file in the data folder the running app keeps open exclusively (flock on Linux, a sharing lock on Windows): restore
/// takes it too, so it refuses to swap the database under a running app. The kernel lets go when the process ends, even
/// killed, so a stale lock never blocks a restore.
/// </summary>
public sealed class RunningLock : IDisposable
{
    public const string FileName = "dang-chay.lock";
    private readonly FileStream _stream;

    private RunningLock(FileStream stream) => _stream = stream;

    /// <summary>The lock, or null when another process (or another app in this one) holds it.</summary>
    public static RunningLock? TryTake(string dataDirectory)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Storage.OwnerOnlyFile;
        try
        {
            return new RunningLock(new FileStream(Path.Combine(dataDirectory, FileName), options));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
