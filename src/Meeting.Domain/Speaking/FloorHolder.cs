namespace DoiThoai.Domain;

public enum FloorKind { None, Speaker, Department, Chair }

/// <summary>Who has the microphone now. Exactly one holder at a time: that is what stops a double speaker.</summary>
public sealed class FloorHolder
{
    private FloorHolder() { Timer = new SpeakingTimer(0); }

    internal FloorHolder(int limitSeconds) => Timer = new SpeakingTimer(limitSeconds);

    public FloorKind Kind { get; private set; }
    public Guid? SpeakRequestId { get; private set; }
    public Guid? AssignmentId { get; private set; }
    public Guid? OpinionId { get; private set; }
    public SpeakingTimer Timer { get; private set; }

    public bool IsFree => Kind == FloorKind.None;

    internal void Give(FloorKind kind, Guid? requestId, Guid? assignmentId, Guid? opinionId, int limitSeconds)
    {
        Kind = kind;
        SpeakRequestId = requestId;
        AssignmentId = assignmentId;
        OpinionId = opinionId;
        Timer = new SpeakingTimer(limitSeconds);
    }

    internal void Clear() => Give(FloorKind.None, null, null, null, 0);
}
