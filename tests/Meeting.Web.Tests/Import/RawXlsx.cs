using System.IO.Compression;
using System.Security;
using System.Text;

namespace DoiThoai.Web.Tests.Import;

/// <summary>
/// An .xlsx of the few parts a reader needs, its sheet XML written by hand: for hostile files, what a file declares
/// (its dimension, its merges, its unpacked sizes) is the point, and a library that writes sheets would correct it.
/// </summary>
internal static class RawXlsx
{
    /// <summary>A row of inline strings from column A; an empty value leaves its cell out.</summary>
    public static string Row(int line, params string[] values)
    {
        var cells = new StringBuilder();
        for (var column = 0; column < values.Length; column++)
            if (values[column].Length > 0) cells.Append(Cell(Column(column + 1) + line, values[column]));
        return $"<row r=\"{line}\">{cells}</row>";
    }

    public static string Cell(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";

    /// <summary>"A" for 1, "AX" for 50, "XFD" for 16,384.</summary>
    public static string Column(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>The workbook; <paramref name="padding"/> adds a part of that many zero bytes (a zip bomb is small when packed).</summary>
    public static byte[] Build(string dimension, IEnumerable<string> rows, string mergeCells = "", long padding = 0)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Part("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Part("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Part("xl/worksheets/sheet1.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="{dimension}"/><sheetData>{string.Concat(rows)}</sheetData>{mergeCells}</worksheet>
                """);
            if (padding > 0)
            {
                using var part = zip.CreateEntry("xl/media/padding.bin", CompressionLevel.Fastest).Open();
                var zeros = new byte[1024 * 1024];
                for (var written = 0L; written < padding; written += zeros.Length)
                    part.Write(zeros, 0, (int)Math.Min(zeros.Length, padding - written));
            }
        }
        return stream.ToArray();
    }

    /// <summary>Runs a read off the test thread and fails it, rather than hanging the run, if it takes a minute.</summary>
    public static Task<T> Guarded<T>(Func<T> read) => Task.Run(read).WaitAsync(TimeSpan.FromSeconds(60));
}
