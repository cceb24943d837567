using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Mẫu 1 as a Word file: A4 landscape, Times New Roman, the Party header, the title, then the table of the form's 24
/// columns — TT, time and content, three kinds (định kỳ, chuyên đề, đột xuất) of chair, audience and the five counts
/// under "Kiến nghị của Nhân dân", and a note — its three header rows and the numbered row repeated on every page, the
/// "Tổng số" row, and the signature. To fit 24 columns across the page the table is 9 pt, the side margins 15 mm, and the
/// count names stand upright (bottom to top) over narrow number columns.
/// </summary>
public static class Form1Docx
{
    public const int PageWidth = AdminDocx.PageHeight, PageHeight = AdminDocx.PageWidth; // landscape
    private const int Margin = 1134; // 20 mm, top and bottom
    private const int SideMargin = 851; // 15 mm: the 24 columns need the width
    public const int TextWidth = PageWidth - 2 * SideMargin;
    private const int TableSize = 18, HeaderSize = 26, TitleSize = 28; // half-points: 9, 13, 14 pt
    private const int CountWidth = 480, CountMargin = 28; // two upright 9 pt lines fit in 480 − 2 × 28 twips
    private const int CountHeaderHeight = 1400; // ~25 mm: "Đã trả lời bằng văn bản" upright in two lines

    /// <summary>
    /// Column widths in twips: TT, time and content, 3 × (chair, audience, 5 counts), note — the text width in all
    /// (15 136, the note takes what is left: 1 156).
    /// </summary>
    public static readonly int[] Widths = BuildWidths();

    private static int[] BuildWidths()
    {
        int[] group = [960, 680, .. Enumerable.Repeat(CountWidth, 5)];
        int[] widths = [360, 1500, .. group, .. group, .. group, 0];
        widths[^1] = TextWidth - widths.Sum();
        return widths;
    }

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
                new PageMargin { Top = Margin, Right = SideMargin, Bottom = Margin, Left = SideMargin, Header = 567, Footer = 567, Gutter = 0 }));
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
        table.Append(new TableRow(BorderlessCell(leftWidth, left), BorderlessCell(TextWidth - leftWidth, right)));
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

        // Three header rows as on the form: TT, time and the note span all three; each kind spans its seven columns, its
        // chair and audience span rows 2–3, and "Kiến nghị của Nhân dân" spans the five counts named in row 3.
        var first = HeaderRow();
        first.Append(HeadCell(0, 1, Form1Table.NumberHeader, MergedCellValues.Restart));
        first.Append(HeadCell(1, 1, Form1Table.TimeHeader, MergedCellValues.Restart));
        for (var g = 0; g < 3; g++) first.Append(HeadCell(Form1Table.GroupStart(g), Form1Table.GroupWidth, Form1Table.GroupHeaders[g]));
        first.Append(HeadCell(Form1Table.ColumnCount - 1, 1, Form1Table.NoteHeader, MergedCellValues.Restart));
        var second = HeaderRow();
        second.Append(HeadCell(0, 1, "", MergedCellValues.Continue));
        second.Append(HeadCell(1, 1, "", MergedCellValues.Continue));
        for (var g = 0; g < 3; g++)
        {
            var start = Form1Table.GroupStart(g);
            second.Append(HeadCell(start, 1, Form1Table.ChairHeader, MergedCellValues.Restart));
            second.Append(HeadCell(start + 1, 1, Form1Table.AudienceHeader, MergedCellValues.Restart));
            second.Append(HeadCell(start + 2, 5, Form1Table.RecommendationsHeader));
        }
        second.Append(HeadCell(Form1Table.ColumnCount - 1, 1, "", MergedCellValues.Continue));
        var third = HeaderRow(CountHeaderHeight);
        third.Append(HeadCell(0, 1, "", MergedCellValues.Continue));
        third.Append(HeadCell(1, 1, "", MergedCellValues.Continue));
        for (var g = 0; g < 3; g++)
        {
            var start = Form1Table.GroupStart(g);
            third.Append(HeadCell(start, 1, "", MergedCellValues.Continue));
            third.Append(HeadCell(start + 1, 1, "", MergedCellValues.Continue));
            for (var c = 0; c < 5; c++) third.Append(HeadCell(start + 2 + c, 1, Form1Table.CountHeaders[c], upright: true));
        }
        third.Append(HeadCell(Form1Table.ColumnCount - 1, 1, "", MergedCellValues.Continue));
        var numbers = HeaderRow();
        foreach (var (n, i) in Form1Table.ColumnNumbers.Select((n, i) => (n, i)))
            numbers.Append(Cell(i, [Centered(0, Words(n, italic: true, size: TableSize))]));
        table.Append(first, second, third, numbers);

        foreach (var row in Form1Table.Rows(figures, showUnit)) table.Append(DataRow(row, total: false));
        if (figures.Meetings.Count == 0)
            table.Append(new TableRow(Cell(0, [Centered(60, Words($"Không có cuộc đối thoại nào được tổ chức trong {figures.Period.InSentence}.", italic: true))],
                span: Form1Table.ColumnCount)));
        table.Append(DataRow(Form1Table.Total(figures), total: true));
        return table;
    }

    private static TableRow HeaderRow(int? height = null)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (height is { } twips) properties.Append(new TableRowHeight { Val = (uint)twips, HeightType = HeightRuleValues.AtLeast });
        properties.Append(new TableHeader());
        return new TableRow(properties);
    }

    /// <summary>A dialogue (a long one may run onto the next page), or the total: its label and meeting counts in bold.</summary>
    private static TableRow DataRow(Form1Row row, bool total)
    {
        var cells = row.Cells;
        var tr = new TableRow();
        for (var i = 0; i < cells.Count; i++)
        {
            var lines = cells[i].Split('\n');
            var centred = i == 0 || (total && i == 1) || Form1Table.IsCountColumn(i);
            var bold = total && (i <= 1 || Form1Table.IsCountColumn(i) || cells[i].EndsWith(" cuộc", StringComparison.Ordinal));
            tr.Append(Cell(i, lines.Select(line => centred ? Centered(0, Words(line, bold)) : Left(Words(line, bold)))));
        }
        return tr;
    }

    private static TableCell HeadCell(int column, int span, string text, MergedCellValues? mergedDown = null, bool upright = false)
    {
        var properties = CellProperties(column, span, mergedDown);
        if (upright) properties.Append(new TextDirection { Val = TextDirectionValues.BottomToTopLeftToRight });
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        return new TableCell(properties, Centered(0, Words(text, bold: true, size: TableSize)));
    }

    private static TableCell BorderlessCell(int width, IEnumerable<OpenXmlElement> content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content);
        return cell;
    }

    /// <summary>A body cell from its first grid column; <paramref name="span"/> columns wide.</summary>
    private static TableCell Cell(int column, IEnumerable<OpenXmlElement> content, int span = 1)
    {
        var cell = new TableCell(CellProperties(column, span));
        cell.Append(content);
        if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
        return cell;
    }

    /// <summary>Width, span, vertical merge and margins, in the schema's order; a single count column gets narrow side margins.</summary>
    private static TableCellProperties CellProperties(int column, int span, MergedCellValues? mergedDown = null)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Number(Widths.Skip(column).Take(span).Sum()), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (mergedDown is { } merge) properties.Append(new VerticalMerge { Val = merge });
        if (span == 1 && Form1Table.IsCountColumn(column))
            properties.Append(new TableCellMargin(
                new LeftMargin { Width = Number(CountMargin), Type = TableWidthUnitValues.Dxa },
                new RightMargin { Width = Number(CountMargin), Type = TableWidthUnitValues.Dxa }));
        return properties;
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
