namespace DoiThoai.Domain;

/// <summary>A command broke a rule of the meeting. The message is Vietnamese and shown to the user as is.</summary>
public sealed class MeetingRuleException(string message) : Exception(message);
