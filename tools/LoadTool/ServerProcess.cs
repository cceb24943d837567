using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DoiThoai.LoadTool;

/// <summary>
/// A server under test as a child process (`dotnet some.dll ...`) on a loopback port, with its output in a log file,
/// its CPU time and resident memory read from /proc, and killed (with its process tree) when disposed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _errorLines;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Lines the server wrote at error level ("fail:" / "crit:" from the console logger).</summary>
    public int ErrorLines => Volatile.Read(ref _errorLines);

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts `dotnet {dll} {args}` in the dll's folder (or <paramref name="workingDirectory"/>) and waits until <paramref name="readyPath"/> answers 2xx.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> args, int port, string readyPath,
        string logFile, TimeSpan timeout, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"Server assembly not found: {dll} (build the solution first).", dll);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // No URL from the environment may override the loopback one given on the command line.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, log, baseAddress);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"Could not start dotnet {dll}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting; see {logFile}.");
            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"The server did not answer {readyPath} within {timeout.TotalSeconds:0} s; see {logFile}.");
    }

    private void Write(string? line)
    {
        if (line is null) return;
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            Interlocked.Increment(ref _errorLines);
        lock (_log)
        {
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>User + system CPU time of the process so far, from /proc/{pid}/stat (Linux), in milliseconds.</summary>
    public double CpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux()) return _process.TotalProcessorTime.TotalMilliseconds;
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // Fields after the command name (which may contain spaces) start after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11]);  // field 14
        var stime = long.Parse(fields[12]);  // field 15
        return (utime + stime) * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>Resident set size in bytes, from /proc/{pid}/status (VmRSS).</summary>
    public long ResidentBytes()
    {
        if (!OperatingSystem.IsLinux()) { _process.Refresh(); return _process.WorkingSet64; }
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        return 0;
    }

    /// <summary>USER_HZ: 100 on every Linux the tool targets (sysconf(_SC_CLK_TCK)).</summary>
    private const double ClockTicksPerSecond = 100;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
