using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DoiThoai.Domain;

/// <summary>
/// A row of a meeting (a request, an opinion, an assignment, a note, an agenda step, a delegate). Each of its values
/// says when it changes, so whoever keeps the meeting (the writer's change tracker) learns what a command touched
/// without comparing every row of a meeting that holds thousands.
/// </summary>
public abstract class MeetingRow : INotifyPropertyChanged
{
    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Every settable value of a row goes through here; an unchanged value says nothing.</summary>
    protected void Set<T>(ref T field, T value, [CallerMemberName] string name = "")
    {
        if (Same(field, value)) return;
        field = value;
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
    }

    // The same moment at another offset is another stored value (the store compares offsets too).
    private static bool Same<T>(T a, T b) =>
        EqualityComparer<T>.Default.Equals(a, b) && (a is not DateTimeOffset x || b is not DateTimeOffset y || x.Offset == y.Offset);
}
