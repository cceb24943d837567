using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QRCoder;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace DoiThoai.Web.Features.Delegates.Invitations;

/// <summary>
/// The invitations as a Word file, for offices that print from Word or add a signature and stamp first: A4, one
/// invitation per half page (text on the left, QR on the right), the dashed table borders are the cut lines.
/// Times New Roman 13 pt is the document default; a quarter of A4 was too tight for it, half a page reads easily.
/// </summary>
public static class InvitationDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Font = "Times New Roman";
    public const int PageWidth = 11906, PageHeight = 16838; // A4 in twips

    private const int Margin = 567; // 1 cm: inside what office printers can reach
    private const int CellPadding = 227;
    private const int TableWidth = PageWidth - 2 * Margin;
    private const int QrColumnWidth = 3120; // 55 mm
    // Two rows fill the page and leave room for the closing paragraph Word requires after a table.
    private const int RowHeight = 7750;
    private const long QrSize = 35 * 36_000L; // 35 mm in EMU: about 1 mm a module, easy for any phone camera
    private const string BorderColor = "7F7F7F";

    public static byte[] Build(string meetingTitle, IReadOnlyList<InvitationCard> cards)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = $"Giấy mời — {meetingTitle}";
            document.PackageProperties.Language = "vi-VN";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DefaultStyles();

            main.Document = new Document(new Body(
                Cards(main, cards, TableWidth),
                Tiny(),
                new SectionProperties(
                    new PageSize { Width = PageWidth, Height = PageHeight },
                    new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 0, Footer = 0, Gutter = 0 })));
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The invitations as one table, a row each (text left, QR right) with dashed cut lines; also what the official
    /// letter (InvitationLetter) prints on its back, so the card is drawn in one place.
    /// </summary>
    /// <param name="width">The table's width in twips: the page's width inside its margins.</param>
    /// <param name="firstPictureId">The first picture's docPr id; the ids must be unique in the whole document.</param>
    public static Table Cards(MainDocumentPart main, IEnumerable<InvitationCard> cards, int width, uint firstPictureId = 1)
    {
        var textWidth = width - QrColumnWidth;
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa },
                CutLines(),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = Number(CellPadding), Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = CellPadding, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = Number(CellPadding), Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = CellPadding, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = Number(textWidth) }, new GridColumn { Width = Number(QrColumnWidth) }));

        var pictureId = firstPictureId;
        foreach (var card in cards) table.Append(Row(main, card, pictureId++, textWidth));
        return table;
    }

    /// <summary>Times New Roman 13 pt for every script slot, so no run falls back to a font without Vietnamese letters.</summary>
    private static Styles DefaultStyles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                new FontSize { Val = "26" },
                new FontSizeComplexScript { Val = "26" },
                new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>Only the lines between and around invitations: the QR column has no border of its own.</summary>
    private static TableBorders CutLines() => new(
        new TopBorder { Val = BorderValues.Dashed, Size = 6, Color = BorderColor },
        new LeftBorder { Val = BorderValues.Dashed, Size = 6, Color = BorderColor },
        new BottomBorder { Val = BorderValues.Dashed, Size = 6, Color = BorderColor },
        new RightBorder { Val = BorderValues.Dashed, Size = 6, Color = BorderColor },
        new InsideHorizontalBorder { Val = BorderValues.Dashed, Size = 6, Color = BorderColor },
        new InsideVerticalBorder { Val = BorderValues.None });

    /// <summary>One invitation: a row that never splits across pages, two of them to a page.</summary>
    private static TableRow Row(MainDocumentPart main, InvitationCard card, uint pictureId, int textWidth)
    {
        List<OpenXmlElement> text =
        [
            Line(JustificationValues.Center, 0, Words(card.Issuer, bold: true)),
            Line(JustificationValues.Center, 160, Words(InvitationCard.Heading, bold: true, halfPoints: 36)),
        ];
        foreach (var line in card.Lines)
        {
            int? size = line.Small ? 22 : null;
            text.Add(Line(JustificationValues.Both, 60, Words(line.Label + " ", halfPoints: size), Words(line.Value, bold: line.Strong, halfPoints: size)));
        }

        var qr = main.AddImagePart("image/png");
        using (var png = new MemoryStream(QrPng(card.Url))) qr.FeedData(png);
        List<OpenXmlElement> code =
        [
            Line(JustificationValues.Center, 0, new Run(Picture(main.GetIdOfPart(qr), pictureId, card.Code))),
            Line(JustificationValues.Center, 120, Words(card.Code, bold: true)),
            Line(JustificationValues.Center, 60, Words(InvitationCard.Hint, italic: true, halfPoints: 22)),
            Line(JustificationValues.Center, 0, Words(card.Url, halfPoints: 18)),
        ];

        return new TableRow(
            new TableRowProperties(new CantSplit(), new TableRowHeight { Val = RowHeight, HeightType = HeightRuleValues.AtLeast }),
            Cell(textWidth, text),
            Cell(QrColumnWidth, code, center: true));
    }

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    /// <summary>An inline picture: extents in EMU, and a docPr id unique in the document (Word repairs the file otherwise).</summary>
    private static Drawing Picture(string relationshipId, uint id, string code) => new(
        new DW.Inline(
            new DW.Extent { Cx = QrSize, Cy = QrSize },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"QR {code}", Description = $"Mã QR giấy mời {code}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = id, Name = $"qr-{code}.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = QrSize, Cy = QrSize }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content, bool center = false)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Number(width), Type = TableWidthUnitValues.Dxa });
        if (center) properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        return new TableCell([properties, .. content]);
    }

    private static Paragraph Line(JustificationValues justify, int spaceAfter, params Run[] runs) => new(
        [
            new ParagraphProperties(
                new SpacingBetweenLines { After = Number(spaceAfter) },
                new Justification { Val = justify }),
            .. runs,
        ]);

    /// <summary>A 1 pt paragraph: Word needs one after a table that ends the document, and it must not push a row onto a new page.</summary>
    private static Paragraph Tiny() => new(
        new ParagraphProperties(
            new SpacingBetweenLines { After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact },
            new ParagraphMarkRunProperties(new FontSize { Val = "2" }, new FontSizeComplexScript { Val = "2" })));

    private static Run Words(string text, bool bold = false, bool italic = false, int? halfPoints = null)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        if (halfPoints is { } size)
        {
            properties.Append(new FontSize { Val = Number(size) });
            properties.Append(new FontSizeComplexScript { Val = Number(size) });
        }
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (properties.HasChildren) run.PrependChild(properties);
        return run;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
