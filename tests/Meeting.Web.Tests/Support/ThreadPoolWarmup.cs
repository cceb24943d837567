using System.Runtime.CompilerServices;

namespace DoiThoai.Web.Tests.Support;

internal static class ThreadPoolWarmup
{
    /// <summary>
    /// Dozens of apps start in this one process (each host starts synchronously), and the browser hall's circuits
    /// share the thread pool with them; on two cores the pool grows by about one thread a second, too slowly for that.
    /// </summary>
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
