using System.Runtime.CompilerServices;
using Bunit;

namespace DoiThoai.Web.Tests.Support;

internal static class BunitWaits
{
    /// <summary>
    /// bUnit's WaitFor gives up after 1 s by default; a component that saves to a real SQLite file on the 2-core CI
    /// machine, while browser tests run beside it, can need more (CI failed the import panel's test twice). A wait is
    /// not a timing assertion: a working component passes as soon as it renders.
    /// </summary>
    [ModuleInitializer]
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
