using System.Security.Claims;

namespace DoiThoai.Web.Live;

/// <summary>Staff roles, and which roles may act from which seat. Pages and commands check the same lists.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Organizer = "Organizer";
    public const string Chair = "Chair";
    public const string Secretary = "Secretary";
    public const string Reception = "Reception";
    public const string Department = "Department";
    public const string Supervisor = "Supervisor";
    /// <summary>Ủy ban MTTQ and the unions (seed 004 §IV.1): they enter the opinions they collect, nothing else.</summary>
    public const string Collector = "Collector";

    public static readonly string[] All = [Admin, Organizer, Chair, Secretary, Reception, Department, Supervisor, Collector];

    // Comma lists, as [Authorize(Roles = ...)] takes them.
    public const string ChairSeat = "Admin,Organizer,Chair";
    public const string ReceptionSeat = "Admin,Organizer,Chair,Reception";
    /// <summary>Who keeps the invitation list: the office that organizes the meeting and the reception desk.</summary>
    public const string DelegateList = "Admin,Organizer,Reception";
    public const string SecretarySeat = "Admin,Organizer,Chair,Secretary";
    public const string ProjectorControl = "Admin,Organizer,Chair,Secretary";
    public const string AnswerStaff = "Admin,Organizer,Chair,Secretary,Reception,Department";
    /// <summary>Who may read the staff journal over the hub: the seats whose pages show it (not departments or MTTQ).</summary>
    public const string JournalReaders = "Admin,Organizer,Chair,Secretary,Reception";
    public const string AnyStaff = "Admin,Organizer,Chair,Secretary,Reception,Department,Supervisor,Collector";

    public static bool IsInAny(this ClaimsPrincipal? user, string roles) =>
        user?.Identity?.IsAuthenticated == true && roles.Split(',').Any(user.IsInRole);

    public static string Label(string role) => role switch
    {
        Admin => "Quản trị",
        Organizer => "Văn phòng (tổ chức)",
        Chair => "Chủ trì",
        Secretary => "Thư ký",
        Reception => "Bộ phận tiếp nhận",
        Department => "Phòng, ban",
        Supervisor => "Giám sát (MTTQ)",
        Collector => "Thu thập ý kiến (MTTQ, đoàn thể)",
        _ => role,
    };
}
