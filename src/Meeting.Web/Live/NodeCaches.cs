using System.Collections.Concurrent;

namespace DoiThoai.Web.Live;

/// <summary>
/// The few caches a node keeps of rarely changed tables (units, working calendars). A change on this node forgets the
/// cache here and, with several nodes, on the others too (<see cref="ClusterBus"/> relays the name).
/// </summary>
public sealed class NodeCaches
{
    public const string Units = "units";
    public const string Calendars = "calendars";

    private readonly ConcurrentDictionary<string, Action> _forget = new();

    /// <summary>Set by <see cref="ClusterBus"/>: tells the other nodes which cache to forget.</summary>
    public Action<string>? Relay { get; set; }

    public void Register(string name, Action forget) => _forget[name] = forget;

    /// <summary>This node changed what the cache holds.</summary>
    public void Changed(string name)
    {
        Forget(name);
        Relay?.Invoke(name);
    }

    /// <summary>Another node changed it.</summary>
    public void Forget(string name)
    {
        if (_forget.TryGetValue(name, out var forget)) forget();
    }
}
