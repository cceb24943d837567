using System.Security.Cryptography;
using DoiThoai.Web.Data;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// The file attached to a written answer (the signed reply, scanned or as issued): PDF, DOCX, JPG or PNG up to 10 MB.
/// Kept under files/ of the data folder (or of the nodes' shared folder, DoiThoai:SharedDirectory) with a random name;
/// the person's file name is only shown and used for download.
/// </summary>
public static class FollowUpFiles
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxNameLength = 200;
    public const string Folder = "files";
    public const string Accept = ".pdf,.docx,.jpg,.jpeg,.png";
    public const string TooLarge = "Tệp đính kèm lớn hơn 10 MB. Hãy scan với độ phân giải thấp hơn hoặc chia nhỏ văn bản.";
    public const string WrongType = "Chỉ đính kèm được tệp PDF, Word (.docx) hoặc ảnh JPG, PNG.";
    private const int HeadLength = 8;
    public const string Unreadable = "Không đọc được tệp đính kèm. Hãy chọn lại tệp.";

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF"u8.ToArray()),
        // A .docx is a zip package.
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".png"] = ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    };

    public static string FolderOf(string root) => Path.Combine(Path.GetFullPath(root), Folder);

    public static string ContentTypeOf(string fileName) =>
        Types.TryGetValue(Path.GetExtension(fileName), out var type) ? type.ContentType : "application/octet-stream";

    /// <summary>Why the name or declared size cannot be accepted, before anything is read; null when they can.</summary>
    public static string? Check(string? fileName, long? size)
    {
        if (string.IsNullOrWhiteSpace(fileName) || !Types.ContainsKey(Path.GetExtension(fileName))) return WrongType;
        if (size is > MaxBytes) return TooLarge;
        if (size is 0) return Unreadable;
        return null;
    }

    /// <summary>The name shown and offered on download: no folders, no control characters, not too long.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not ':').ToArray()).Trim();
        if (name.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(MaxNameLength - extension.Length)] + extension;
        }
        return name.Length == 0 ? "tep-dinh-kem" + Path.GetExtension(fileName) : name;
    }

    /// <summary>
    /// Reads at most <see cref="MaxBytes"/> + 1 bytes whatever the sender declared, checks the content starts like its
    /// type, and writes it under files/ with a random name. Returns the stored path (relative to the data folder) or why not.
    /// </summary>
    public static async Task<(string? RelativePath, string? Error)> SaveAsync(string root, string fileName, Stream content, CancellationToken ct)
    {
        if (Check(fileName, null) is { } refused) return (null, refused);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var folder = FolderOf(root);
        Storage.OwnerOnlyDirectory(folder);
        var relative = $"{Folder}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}{(extension == ".jpeg" ? ".jpg" : extension)}";
        var full = Path.Combine(Path.GetFullPath(root), relative);
        var ok = false;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 81920, Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Storage.OwnerOnlyFile;
            await using (var file = new FileStream(full, options))
            {
                var buffer = new byte[81920];
                var head = new byte[HeadLength];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (total < HeadLength) buffer.AsSpan(0, (int)Math.Min(read, HeadLength - total)).CopyTo(head.AsSpan((int)total));
                    total += read;
                    if (total > MaxBytes) return (null, TooLarge);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (total == 0) return (null, Unreadable);
                // A renamed .exe or .html is refused: the content must start like the type its name claims.
                if (!StartsLike(extension, head.AsSpan(0, (int)Math.Min(total, HeadLength)))) return (null, WrongType);
            }
            ok = true;
            return (relative, null);
        }
        catch (IOException)
        {
            // The browser stopped sending (closed tab, lost connection) or the disk refused.
            return (null, Unreadable);
        }
        finally
        {
            if (!ok) Delete(root, relative);
        }
    }

    /// <summary>The full path of a stored file, only if it lies inside files/ (a stored path is never trusted blindly).</summary>
    public static string? FullPath(string root, string? relativePath)
    {
        if (string.IsNullOrEmpty(relativePath)) return null;
        var folder = FolderOf(root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(Path.GetFullPath(root), relativePath));
        return full.StartsWith(folder, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    public static void Delete(string root, string? relativePath)
    {
        var full = FullPath(root, relativePath);
        try
        {
            if (full is not null) File.Delete(full);
        }
        catch (IOException)
        {
            // A file left behind costs some disk space, nothing else.
        }
    }

    private static bool StartsLike(string extension, ReadOnlySpan<byte> head) =>
        Types.TryGetValue(extension, out var type) && head.Length >= type.Magic.Length && head[..type.Magic.Length].SequenceEqual(type.Magic);
}
