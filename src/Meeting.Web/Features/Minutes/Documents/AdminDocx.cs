using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoiThoai.Web.Features.Minutes.Documents;

/// <summary>
/// Writes an <see cref="AdminDocument"/> as a Word file laid out per Nghị định 30/2020/NĐ-CP: A4, margins 20/15/20/30 mm,
/// Times New Roman (14 pt body, 13 pt header), the header as a borderless two-column table, bold centred titles,
/// justified paragraphs with a 1 cm first-line indent, page numbers centred at the top from page 2.
/// </summary>
public static class AdminDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Font = "Times New Roman";
    public const int PageWidth = 11906, PageHeight = 16838; // A4 in twips
    public const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 851; // 20, 20, 30, 15 mm
    public const int BodySize = 28, HeaderSize = 26; // half-points: 14 pt, 13 pt
    public const int PartyHeaderSize = 28, PartyTitleSize = 30; // Hướng dẫn 36: 14 pt, 15 pt

    public const int TextWidth = PageWidth - MarginLeft - MarginRight; // twips between the margins
    private const int LeftColumn = 3742; // 6.6 cm: wide enough for "ỦY BAN NHÂN DÂN" and "ĐẢNG ỦY XÃ …" at 13 pt
    private const int RightColumn = TextWidth - LeftColumn;
    private const int FirstLineIndent = 567; // 1 cm

    public static byte[] Build(AdminDocument doc) => Build(doc.Title, [doc]);

    /// <summary>
    /// Several documents in one file (one letter per delegate): each is a section of its own, so its page numbers start
    /// again and its first page carries none; from the second on, each starts on an odd page, so a duplex print never
    /// puts two letters on one sheet. <paramref name="backPage"/>, when given, adds a page after each document (its
    /// index in <paramref name="docs"/>), unnumbered: what prints on the letter's back.
    /// </summary>
    public static byte[] Build(string title, IReadOnlyList<AdminDocument> docs,
        Func<MainDocumentPart, int, IEnumerable<OpenXmlElement>>? backPage = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(docs.Count);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = title;
            package.PackageProperties.Language = "vi-VN";
            package.PackageProperties.Creator = "DoiThoai";
            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var pageNumbers = main.AddNewPart<HeaderPart>();
            pageNumbers.Header = new Header(Centered(0, new SimpleField(Words("2")) { Instruction = " PAGE " }));
            var numbered = main.GetIdOfPart(pageNumbers);

            // Each section ends with the paragraph that carries its properties; the last one's sit at the end of the body.
            var sections = new List<(IEnumerable<OpenXmlElement> Content, SectionProperties Properties)>();
            for (var i = 0; i < docs.Count; i++)
            {
                sections.Add((Content(docs[i]), Section(numbered, i == 0 ? null : SectionMarkValues.OddPage)));
                if (backPage is not null) sections.Add((backPage(main, i), Section(null, SectionMarkValues.NextPage)));
            }

            var body = new Body();
            for (var s = 0; s < sections.Count; s++)
            {
                body.Append(sections[s].Content);
                var end = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact }));
                if (s < sections.Count - 1) end.ParagraphProperties!.Append(sections[s].Properties);
                body.Append(end);
            }
            body.Append(sections[^1].Properties);
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Content(AdminDocument doc)
    {
        // A công văn has no kind line: its trích yếu ("V/v …") stands under the number (NĐ 30, HD 36).
        var letter = doc.Kind.Length == 0;
        yield return HeaderTable(doc.Header, letter ? doc.Summary : null);
        if (!letter)
        {
            yield return Centered(240, Words(doc.Kind, bold: true));
            yield return Centered(0, Words(doc.Summary, bold: true));
            yield return Rule(TextWidth, 2000);
        }
        foreach (var paragraph in doc.Body) yield return BodyParagraph(paragraph);
        yield return Closing(doc);
    }

    /// <param name="pageNumbers">The header with the page number; none for a back page.</param>
    /// <param name="start">How the section starts; null for the first, which keeps the single document's properties as they were.</param>
    private static SectionProperties Section(string? pageNumbers, SectionMarkValues? start)
    {
        var properties = new SectionProperties();
        if (pageNumbers is not null) properties.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = pageNumbers });
        if (start is { } type) properties.Append(new SectionType { Val = type });
        properties.Append(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = MarginTop, Right = MarginRight, Bottom = MarginBottom, Left = MarginLeft, Header = 567, Footer = 567, Gutter = 0 });
        if (start is not null && pageNumbers is not null) properties.Append(new PageNumberType { Start = 1 });
        // The first page carries no number (NĐ 30): a title page with no first-page header of its own. A back page is
        // one page long, so this leaves it unnumbered too.
        properties.Append(new TitlePage());
        return properties;
    }

    /// <summary>Times New Roman in every script slot, so no run falls back to a font without Vietnamese letters.</summary>
    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                new FontSize { Val = Number(BodySize) },
                new FontSizeComplexScript { Val = Number(BodySize) },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>Row 1: issuing body | Party title or national title and motto. Row 2: number | place and date.</summary>
    private static Table HeaderTable(DocumentHeader header, string? letterSummary = null)
    {
        // Party documents (Hướng dẫn 36-HD/VPTW): the organs and the number at 14 pt, "ĐẢNG CỘNG SẢN VIỆT NAM" at 15 pt;
        // state documents (Nghị định 30): 13 pt.
        var size = header.Party ? PartyHeaderSize : HeaderSize;
        var issuer = new List<OpenXmlElement>();
        if (header.ParentBody is { } parent) issuer.Add(Centered(0, Words(parent, size: size)));
        issuer.AddRange(header.Body.Select(line => Centered(0, Words(line, bold: true, size: size))));
        issuer.Add(header.Party ? Centered(0, Words("*", size: size)) : Rule(LeftColumn, 1200));

        var motto = header.Motto.Select((line, i) => Centered(0, Words(line, bold: true, underline: i == header.Motto.Count - 1,
            // The national title is 12–13 pt; at 12 pt it stays on one line in the right column.
            size: line switch { Issuer.NationalTitle => 24, Issuer.PartyTitle => PartyTitleSize, _ => HeaderSize })));

        return BorderlessTable([LeftColumn, RightColumn],
            issuer, motto,
            [Centered(120, Words(header.Number, size: size)), .. letterSummary is null ? Array.Empty<OpenXmlElement>() : [Centered(0, Words(letterSummary, size: 24))]],
            [Centered(120, Words(header.PlaceDate, italic: true, size: BodySize))]);
    }

    private static Paragraph BodyParagraph(DocParagraph p)
    {
        var properties = new ParagraphProperties();
        if (p.Heading) properties.Append(new KeepNext()); // a heading never ends a page alone
        properties.Append(
            new SpacingBetweenLines { Before = p.Heading ? "60" : "0", After = "120", Line = "288", LineRule = LineSpacingRuleValues.Auto },
            new Indentation { FirstLine = Number(FirstLineIndent) },
            new Justification { Val = JustificationValues.Both });
        return new Paragraph([properties, .. p.Runs.Select(r => Words(r.Text, r.Bold || p.Heading, r.Italic))]);
    }

    /// <summary>"Nơi nhận" on the left and the signature on the right; or the signatures side by side (minutes).</summary>
    private static Table Closing(AdminDocument doc)
    {
        var half = TextWidth / 2;
        // Hướng dẫn 36: "Nơi nhận" underlined at 14 pt, the lines at 12 pt; Nghị định 30: bold italic 12 pt, the lines at 11 pt.
        var party = doc.Header.Party;
        List<OpenXmlElement> left = doc.Recipients.Count > 0
            ? [Left(240, party ? Words("Nơi nhận:", underline: true, size: 28) : Words("Nơi nhận:", bold: true, italic: true, size: 24)),
                .. doc.Recipients.Select(r => Left(0, Words(r, size: party ? 24 : 22)))]
            : doc.Signatures.Count > 1 ? SignatureBlock(doc.Signatures[0]) : [new Paragraph()];
        var right = SignatureBlock(doc.Signatures[^1]);
        return BorderlessTable([half, TextWidth - half], left, right);
    }

    private static List<OpenXmlElement> SignatureBlock(Signature signature)
    {
        var block = new List<OpenXmlElement>();
        for (var i = 0; i < signature.Authority.Count; i++)
            block.Add(Centered(i == 0 ? 240 : 0, Words(signature.Authority[i], bold: true)));
        if (signature.Hint is { } hint) block.Add(Centered(0, Words(hint, italic: true, size: HeaderSize)));
        // Room for the hand signature and the seal.
        block.Add(Centered(1400, Words(signature.Name, bold: true)));
        return block;
    }

    /// <summary>A table without borders; <paramref name="cells"/> fill it row by row.</summary>
    private static Table BorderlessTable(int[] widths, params IEnumerable<OpenXmlElement>[] cells)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Number(widths.Sum()), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
                    new BottomBorder { Val = BorderValues.Nil }, new RightBorder { Val = BorderValues.Nil },
                    new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = Number(w) })));
        foreach (var rowCells in cells.Chunk(widths.Length))
            table.Append(new TableRow(
                [
                    new TableRowProperties(new CantSplit()),
                    .. rowCells.Select((content, c) => new TableCell(
                        [new TableCellProperties(new TableCellWidth { Width = Number(widths[c]), Type = TableWidthUnitValues.Dxa }), .. content])),
                ]));
        return table;
    }

    /// <summary>A short centred line under the issuing body or the title: an empty paragraph's bottom border, narrowed by indents.</summary>
    private static Paragraph Rule(int width, int length) => new(new ParagraphProperties(
        new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
        new SpacingBetweenLines { Before = "0", After = "120", Line = "120", LineRule = LineSpacingRuleValues.Exact },
        new Indentation { Left = Number((width - length) / 2), Right = Number((width - length) / 2) }));

    private static Paragraph Centered(int spaceBefore, OpenXmlElement content) => Aligned(JustificationValues.Center, spaceBefore, content);

    private static Paragraph Left(int spaceBefore, OpenXmlElement content) => Aligned(JustificationValues.Left, spaceBefore, content);

    private static Paragraph Aligned(JustificationValues justify, int spaceBefore, OpenXmlElement content) => new(
        new ParagraphProperties(new SpacingBetweenLines { Before = Number(spaceBefore), After = "0" }, new Justification { Val = justify }),
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
