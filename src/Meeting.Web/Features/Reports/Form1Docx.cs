using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Mẫu 1 as a Word file: A4 landscape, Times New Roman, the Party header, the title, then the table of the form — TT,
/// time and content, three column groups (định kỳ, chuyên đề, đột xuất) of chair, audience and recommendations, and a
/// note — with its numbered header repeated on every page, the "Tổng số" row, and the signature.
/// </summary>
public static class Form1Docx
{
    public const int PageWidth = AdminDocx.PageHeight, PageHeight = AdminDocx.PageWidth; // landscape
    private const int Margin = 1134; // 20 mm
    private const int TextWidth = PageWidth - 2 * Margin;
    private const int TableSize = 20, HeaderSize = 26, TitleSize = 28; // half-points: 10, 13, 14 pt

    /// <summary>Column widths in twips: TT, time and content, 3 × (chair, audience, recommendations), note — 14 570 in all.</summary>
    public static readonly int[] Widths = [400, 1800, 1100, 900, 1900, 1100, 900, 1900, 1100, 900, 1900, 670];

    public static string FileName(ReportPeriod period) => $"mau-1-bang-tong-hop-{period.Code}-{period.Year}.docx";

    public static byte[] Build(ReportFigures figures, ReportScope scope, DateOnly date)
    {
        var issuer = ReportIssuer.Of(scope.Root, scope.Parent);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = $"{Form1Table.Title} {figures.Period.Label}";
            package.PackageProperties.Language = "vi-VN";
            package.PackageProperties.Creator = "DoiThoai";
            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var body = new Body(Header(issuer, date));
            body.Append(Centered(240, Words(Form1Table.Title, bold: true, size: TitleSize)));
            body.Append(Centered(0, Words(Form1Table.Subtitle, bold: true, size: TitleSize)));
            body.Append(Centered(0, Words(figures.Period.Heading, bold: true, size: TitleSize)));
            if (scope.AcrossUnits) body.Append(Centered(0, Words($"({scope.Root.Name} và các đơn vị trực thuộc)", italic: true, size: HeaderSize)));
            body.Append(Centered(120, Words("")));
            body.Append(Table(figures, scope.AcrossUnits));
            body.Append(Signature());
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = AdminDocx.Font, HighAnsi = AdminDocx.Font, EastAsia = AdminDocx.Font, ComplexScript = AdminDocx.Font },
                new FontSize { Val = Number(TableSize) },
                new FontSizeComplexScript { Val = Number(TableSize) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>Left: the parent body, the committee, "*", the number. Right: "ĐẢNG CỘNG SẢN VIỆT NAM", the place and date.</summary>
    private static Table Header(ReportIssuer issuer, DateOnly date)
    {
        var left = new List<OpenXmlElement>();
        if (issuer.ParentBody is { } parent) left.Add(Centered(0, Words(parent, size: HeaderSize)));
        left.Add(Centered(0, Words(issuer.Body, bold: true, size: HeaderSize)));
        left.Add(Centered(0, Words("*", size: HeaderSize)));
        left.Add(Centered(60, Words(issuer.Number, size: HeaderSize)));
        var right = new List<OpenXmlElement>
        {
            Centered(0, Words(Issuer.PartyTitle, bold: true, underline: true, size: HeaderSize)),
            Centered(240, Words(issuer.PlaceDate(date), italic: true, size: TitleSize)),
        };
        const int leftWidth = 5600;
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Number(TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
                    new BottomBorder { Val = BorderValues.Nil }, new RightBorder { Val = BorderValues.Nil },
                    new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = Number(leftWidth) }, new GridColumn { Width = Number(TextWidth - leftWidth) }));
        table.Append(new TableRow(Cell(leftWidth, left), Cell(TextWidth - leftWidth, right)));
        return table;
    }

    private static Table Table(ReportFigures figures, bool showUnit)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Number(Widths.Sum()), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })),
            new TableGrid(Widths.Select(w => new GridColumn { Width = Number(w) })));

        // Header row 1: TT, time and the note span two rows; each kind spans its three columns.
        var first = HeaderRow();
        first.Append(HeadCell(0, 1, Form1Table.NumberHeader, mergedDownStart: true));
        first.Append(HeadCell(1, 1, Form1Table.TimeHeader, mergedDownStart: true));
        for (var g = 0; g < 3; g++) first.Append(HeadCell(2 + g * 3, 3, Form1Table.GroupHeaders[g]));
        first.Append(HeadCell(11, 1, Form1Table.NoteHeader, mergedDownStart: true));
        var second = HeaderRow();
        second.Append(HeadCell(0, 1, "", mergedDownContinue: true));
        second.Append(HeadCell(1, 1, "", mergedDownContinue: true));
        for (var g = 0; g < 3; g++)
            for (var s = 0; s < 3; s++) second.Append(HeadCell(2 + g * 3 + s, 1, Form1Table.SubHeaders[s]));
        second.Append(HeadCell(11, 1, "", mergedDownContinue: true));
        var numbers = HeaderRow();
        foreach (var (n, i) in Form1Table.ColumnNumbers.Select((n, i) => (n, i)))
            numbers.Append(Cell(Widths[i], [Centered(0, Words(n, italic: true, size: TableSize))]));
        table.Append(first, second, numbers);

        foreach (var row in Form1Table.Rows(figures, showUnit)) table.Append(DataRow(row, total: false));
        if (figures.Meetings.Count == 0)
            table.Append(new TableRow(Cell(Widths.Sum(), [Centered(60, Words($"Không có cuộc đối thoại nào được tổ chức trong {figures.Period.InSentence}.", italic: true))], span: 12)));
        table.Append(DataRow(Form1Table.Total(figures), total: true));
        return table;
    }

    private static TableRow HeaderRow() => new(new TableRowProperties(new TableHeader(), new CantSplit()));

    /// <summary>A dialogue (a long one may run onto the next page), or the total: its label and meeting counts in bold.</summary>
    private static TableRow DataRow(Form1Row row, bool total)
    {
        var cells = row.Cells;
        var tr = new TableRow();
        for (var i = 0; i < cells.Count; i++)
        {
            var lines = cells[i].Split('\n');
            var centred = i == 0 || (total && i == 1);
            var bold = total && (i <= 1 || cells[i].EndsWith(" cuộc", StringComparison.Ordinal));
            tr.Append(Cell(Widths[i], lines.Select(line => centred ? Centered(0, Words(line, bold)) : Left(Words(line, bold)))));
        }
        return tr;
    }

    private static TableCell HeadCell(int column, int span, string text, bool mergedDownStart = false, bool mergedDownContinue = false)
    {
        var width = Widths.Skip(column).Take(span).Sum();
        var properties = new TableCellProperties(new TableCellWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (mergedDownStart) properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
        if (mergedDownContinue) properties.Append(new VerticalMerge { Val = MergedCellValues.Continue });
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        return new TableCell(properties, Centered(0, Words(text, bold: true, size: TableSize)));
    }

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content, int span = 1)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        var cell = new TableCell(properties);
        cell.Append(content);
        if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
        return cell;
    }

    /// <summary>"T/M BAN THƯỜNG VỤ …" and "(ký tên, đóng dấu)" on the right, with room below for the signature and seal.</summary>
    private static OpenXmlElement[] Signature() =>
    [
        SignatureLine(240, Words(ReportIssuer.SignatureLines[0], bold: true, size: TitleSize), keepNext: true),
        SignatureLine(0, Words(ReportIssuer.SignatureHint, italic: true, size: HeaderSize), keepNext: false),
    ];

    private static Paragraph SignatureLine(int spaceBefore, Run words, bool keepNext)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = Number(spaceBefore), After = "0" },
            new Indentation { Left = Number(TextWidth - 5000) }, new Justification { Val = JustificationValues.Center });
        return new Paragraph(properties, words);
    }

    private static Paragraph Centered(int spaceBefore, OpenXmlElement content) => new(
        new ParagraphProperties(new SpacingBetweenLines { Before = Number(spaceBefore), After = "0" }, new Justification { Val = JustificationValues.Center }),
        content);

    private static Paragraph Left(OpenXmlElement content) => new(
        new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0" }, new Justification { Val = JustificationValues.Left }),
        content);

    private static Run Words(string text, bool bold = false, bool italic = false, int? size = null, bool underline = false)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        if (size is { } halfPoints)
        {
            properties.Append(new FontSize { Val = Number(halfPoints) });
            properties.Append(new FontSizeComplexScript { Val = Number(halfPoints) });
        }
        if (underline) properties.Append(new Underline { Val = UnderlineValues.Single });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
