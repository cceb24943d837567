using System.Diagnostics;

namespace DoiThoai.Web.Tests.Support;

/// <summary>
/// Converts a document the app made to PDF with Debian's LibreOffice (test.sh installs it), the way an office opens it.
/// Tests call <see cref="SkipIfMissing"/> first, so a machine without it reports them as skipped, never as passed.
/// </summary>
public static class LibreOffice
{
    public const string Program = "/usr/bin/soffice";

    public static void SkipIfMissing() =>
        Skip.If(!File.Exists(Program), $"{Program} is not installed: the PDF conversion check is skipped.");

    /// <summary>Writes the file into <paramref name="folder"/>, converts it and returns the PDF's bytes (checked to be a PDF).</summary>
    public static async Task<byte[]> ToPdfAsync(byte[] document, string fileName, string folder)
    {
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, fileName);
        var pdf = Path.ChangeExtension(source, ".pdf");
        File.Delete(pdf);
        await File.WriteAllBytesAsync(source, document);
        // Its own profile folder: another soffice running on the machine would otherwise take the conversion over.
        var profile = new Uri(Path.Combine(folder, "libreoffice-profile")).AbsoluteUri;
        var start = new ProcessStartInfo(Program, [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, source])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var said = process.StandardOutput.ReadToEndAsync(patience.Token);
        var complained = process.StandardError.ReadToEndAsync(patience.Token);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(File.Exists(pdf), $"No PDF from {fileName}:\n{await said}\n{await complained}");
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.True(bytes.Length > 1000, $"The PDF from {fileName} is nearly empty ({bytes.Length} bytes).");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        return bytes;
    }
}
