using System.Reflection;
using DoiThoai.Domain;
using DoiThoai.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Account;

/// <summary>
/// Refuses passwords that are guessed first: the list shipped with the app (common-passwords.txt: international
/// top passwords and Vietnamese habits such as "matkhau", "anhyeuem", lucky numbers), and the person's own user name.
/// Compared without case, diacritics or trailing digits and punctuation, so "Matkhau2026!" is refused too.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var core = Core(password);
        var name = Core(user.UserName);
        var common = List.Value.Contains(core) || List.Value.Contains(SearchText.Fold(password).Replace(" ", ""))
            || (name.Length > 0 && core == name);
        return Task.FromResult(common
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Mật khẩu này quá phổ biến hoặc trùng tên đăng nhập, dễ bị đoán. Hãy chọn mật khẩu khác.",
            })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password) => List.Value.Contains(Core(password));

    /// <summary>Folded, without spaces and without what people add at the end to pass the rules ("2026", "!").</summary>
    private static string Core(string? text) =>
        SearchText.Fold(text).Replace(" ", "").TrimEnd("0123456789!@#$%^&*.,-_?~".ToCharArray()) is { Length: > 0 } core ? core : SearchText.Fold(text);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DoiThoai.Web.Features.Account.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            set.Add(SearchText.Fold(line).Replace(" ", ""));
            set.Add(Core(line));
        }
        return set;
    }
}
