using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// The app's warnings and errors, kept in memory so a failing browser test can say what the server saw (a broken
/// circuit, a refused interop call) in the CI log itself, where no screenshot can be opened.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<(long Number, string Text)> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Sink(this, categoryName);

    /// <summary>The lines written since <paramref name="since"/> (a count from <see cref="Count"/>).</summary>
    public IReadOnlyList<string> Since(long since) => [.. _lines.Where(l => l.Number >= since).Select(l => l.Text)];

    public long Count => Interlocked.Read(ref _count);
    private long _count;

    private void Write(string line)
    {
        var n = Interlocked.Increment(ref _count) - 1;
        _lines.Enqueue((n, line));
        while (_lines.Count > Kept) _lines.TryDequeue(out _);
    }

    public void Dispose()
    {
    }

    private sealed class Sink(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null) text += $" — {exception.GetType().Name}: {exception.Message}";
            log.Write(text);
        }
    }
}
