using System.Globalization;
using DoiThoai.Domain;
using DoiThoai.Web.Features.Minutes.Documents;

namespace DoiThoai.Web.Features.Preparation.Opinions;

/// <summary>A collected opinion as both reports number it, with the duplicates merged into it.</summary>
public sealed record NumberedOpinion(Opinion Opinion, IReadOnlyList<Opinion> Duplicates)
{
    /// <summary>The opinion's own "ý kiến số": the same in both reports, the minutes, the notice and on the projector.</summary>
    public int Number => Opinion.Number;
}

/// <summary>
/// The two reports of the preparation (seed 004, Phụ lục II): Mẫu 5 — the opinions collected before the meeting,
/// counted and classified by field and authority, and who prepares which answer by when; Mẫu 6 — the answers
/// prepared, read at agenda step 4. Both name an opinion by its own number ("Ý kiến số 3" is one opinion everywhere),
/// and both are drawn with the administrative document model of the minutes.
/// </summary>
public static class CollectedReports
{
    public const string Kind = "BÁO CÁO";

    /// <summary>The order of Mẫu 5: Party building and personnel first, then security, land, economy, society, other.</summary>
    public static readonly OpinionField[] FieldOrder =
    [
        OpinionField.PartyBuilding, OpinionField.Personnel, OpinionField.DefenceSecurity, OpinionField.LandEnvironment,
        OpinionField.Economy, OpinionField.CultureSociety, OpinionField.Other,
    ];

    public static string FieldHeading(OpinionField field) => field switch
    {
        OpinionField.PartyBuilding => "Công tác xây dựng Đảng và hệ thống chính trị",
        OpinionField.Personnel => "Công tác tổ chức cán bộ",
        OpinionField.DefenceSecurity => "Quốc phòng - an ninh, trật tự, an toàn xã hội",
        OpinionField.LandEnvironment => "Lĩnh vực đất đai, môi trường",
        OpinionField.Economy => "Lĩnh vực kinh tế",
        OpinionField.CultureSociety => "Lĩnh vực văn hóa - xã hội",
        _ => "Lĩnh vực khác",
    };

    /// <summary>Every collected opinion that is not a duplicate, by field (in <see cref="FieldOrder"/>), then authority, then number.</summary>
    public static IReadOnlyList<NumberedOpinion> Numbered(Meeting meeting)
    {
        var collected = meeting.CollectedOpinions();
        var duplicates = collected.Where(o => o.MergedIntoId is not null).ToLookup(o => o.MergedIntoId!.Value);
        return collected.Where(o => o.MergedIntoId is null)
            .OrderBy(o => Array.IndexOf(FieldOrder, o.Field)).ThenBy(o => o.Authority).ThenBy(o => o.Number)
            .Select(o => new NumberedOpinion(o, duplicates[o.Id].ToList()))
            .ToList();
    }

    /// <summary>
    /// Mẫu 3: the host office's công văn asking the Front, the unions and the villages to collect and send the opinions,
    /// grouped by field, by the plan's "collected" milestone (7 working days before the meeting).
    /// </summary>
    /// <param name="collectBy">The day the summaries are due (the timeline's collect milestone), if known.</param>
    public static AdminDocument Request(Meeting meeting, DateOnly date, DateOnly? collectBy)
    {
        var issuer = Issuer.Of(meeting);
        var office = OfficeName(issuer);
        var commune = issuer.Commune.Length > 0 ? " " + issuer.Commune : "";
        var body = new List<DocParagraph>
        {
            new([new DocRun("Kính gửi: ", Italic: true), new DocRun($"Ban Thường trực Ủy ban MTTQ Việt Nam{commune}; các tổ chức chính trị - xã hội{commune}; "
                + "bí thư chi bộ, trưởng thôn, xóm (tổ dân phố).")]),
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)} về tổ chức {MinutesDocument.Dialogue(meeting)}, {office} đề nghị "
                + "Ban Thường trực Ủy ban MTTQ Việt Nam, các tổ chức chính trị - xã hội, các chi bộ, thôn, xóm triển khai một số nội dung sau:"),
            DocParagraph.Plain("1. Tổng hợp các ý kiến, dư luận xã hội được phản ánh trên các phương tiện thông tin đại chúng, mạng xã hội; qua cấp ủy, "
                + "chính quyền, Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; của đoàn viên, hội viên và các tầng lớp Nhân dân "
                + "(quan tâm tổng hợp ý kiến, kiến nghị của Nhân dân chưa được giải quyết)."),
            DocParagraph.Plain("2. Báo cáo tổng hợp đề nghị theo các nhóm: lĩnh vực kinh tế; lĩnh vực văn hóa - xã hội; lĩnh vực quốc phòng - an ninh; "
                + $"lĩnh vực xây dựng Đảng và hệ thống chính trị và gửi về {office} trước ngày {(collectBy is { } due ? Show(due) : Issuer.Blank)} "
                + $"để báo cáo với Thường trực {issuer.Name}, Ủy ban nhân dân{commune} và chuẩn bị tổ chức hội nghị đối thoại trực tiếp với Nhân dân./."),
        };
        return new AdminDocument(
            $"cong-van-tong-hop-y-kien-{meeting.PublicCode}.docx",
            Header(issuer, date, "CV"),
            "",
            "V/v tổng hợp ý kiến, kiến nghị của Nhân dân",
            body,
            issuer.Recipients(["Như trên"], Archive(issuer)),
            [Signer(issuer)]);
    }

    /// <summary>Mẫu 5: Báo cáo tổng hợp, phân loại nội dung ý kiến, kiến nghị của Nhân dân và phân công chuẩn bị nội dung trả lời.</summary>
    public static AdminDocument Classification(Meeting meeting, DateOnly date)
    {
        var issuer = Issuer.Of(meeting);
        var office = OfficeName(issuer);
        var numbered = Numbered(meeting);
        var all = numbered.Select(n => n.Opinion).ToList();
        var recommendations = all.Where(o => !o.IsPetition).ToList();
        var merged = meeting.CollectedOpinions().Count(o => o.MergedIntoId is not null);
        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)} về tổ chức {MinutesDocument.Dialogue(meeting)}, {office} "
                + "tổng hợp, phân loại nội dung ý kiến, kiến nghị của Nhân dân thu thập trước hội nghị (qua Ủy ban MTTQ, các hội, đoàn thể, "
                + "chi bộ thôn, xóm, đơn thư, thư điện tử và phiếu xin ý kiến) và đề xuất phân công chuẩn bị nội dung trả lời như sau:"),
            DocParagraph.Head("I. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN"),
            // A petition (đơn thư khiếu nại, tố cáo) is not a recommendation of the dialogue: it goes its own legal way and is
            // counted apart, as Mẫu 1 and 2 count it.
            DocParagraph.Plain($"Tổng số ý kiến, kiến nghị: {recommendations.Count} ý kiến; thuộc thẩm quyền: {recommendations.Count(o => o.Authority == Authority.Within)} ý kiến; "
                + $"đề xuất ý kiến với cấp trên: {recommendations.Count(o => o.Authority == Authority.LevelAbove)} ý kiến (nội dung liên quan đến đối thoại "
                + $"nhưng không thuộc thẩm quyền); thuộc thẩm quyền cấp dưới: {recommendations.Count(o => o.Authority == Authority.LevelBelow)} ý kiến."
                + (merged > 0 ? $" Đã gộp {merged} ý kiến trùng nội dung vào các ý kiến trên." : "")),
        };
        var outOfTopic = recommendations.Count(o => o.IsOutOfTopic);
        var petitions = all.Count(o => o.IsPetition);
        if (outOfTopic + petitions > 0)
            body.Add(DocParagraph.Plain(string.Join(" ", new[]
            {
                outOfTopic > 0 ? $"Trong đó: {outOfTopic} ý kiến ngoài nội dung đối thoại." : null,
                petitions > 0 ? $"Ngoài ra: {petitions} đơn thư khiếu nại, tố cáo, đề nghị chuyển cơ quan có thẩm quyền xem xét, giải quyết theo quy định của pháp luật." : null,
            }.Where(s => s is not null))));
        var channels = meeting.CollectedOpinions().GroupBy(o => o.Channel).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.ToVietnamese()}: {g.Count()}").ToList();
        if (channels.Count > 0) body.Add(DocParagraph.Plain($"Nguồn tiếp nhận: {string.Join("; ", channels)} ý kiến (kể cả ý kiến trùng)."));

        var section = 0;
        foreach (var group in numbered.GroupBy(n => n.Opinion.Field).OrderBy(g => Array.IndexOf(FieldOrder, g.Key)))
        {
            body.Add(DocParagraph.Head($"{++section}. {FieldHeading(group.Key)}: {group.Count()} ý kiến."));
            body.AddRange(group.Select(Listed));
        }
        if (numbered.Count == 0) body.Add(DocParagraph.Plain("Chưa thu thập được ý kiến, kiến nghị nào."));

        body.Add(DocParagraph.Head("II. ĐỀ XUẤT PHÂN CÔNG CHUẨN BỊ NỘI DUNG TRẢ LỜI"));
        var leadership = issuer.Party ? "cấp ủy" : "chính quyền";
        var byLead = numbered.Where(n => n.Opinion.LeadAssignment is not null)
            .GroupBy(n => n.Opinion.LeadAssignment!.DepartmentName).ToList();
        var item = 0;
        foreach (var group in byLead)
        {
            var opinions = group.ToList();
            var fields = opinions.Select(n => n.Opinion.Field).Distinct().OrderBy(f => Array.IndexOf(FieldOrder, f))
                .Select(f => FieldHeading(f).Replace("Lĩnh vực ", "", StringComparison.Ordinal).ToLower(CultureInfo.GetCultureInfo("vi-VN")));
            var coordinating = opinions.SelectMany(n => n.Opinion.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName)).Distinct().ToList();
            body.Add(new DocParagraph(
            [
                new DocRun($"{++item}. Giao {group.Key} ", Bold: true),
                new DocRun($"chủ trì nghiên cứu trả lời các nội dung liên quan đến {string.Join(", ", fields)}: "
                    + $"ý kiến số {Numbers(opinions)} (gồm {opinions.Count} ý kiến)"
                    + (coordinating.Count > 0 ? $"; phối hợp: {string.Join(", ", coordinating)}" : "")
                    + $". Thời hạn: {Deadlines(opinions)}, gửi báo cáo về {office} để tổng hợp, báo cáo {leadership}."),
            ]));
        }
        var unassigned = numbered.Where(n => n.Opinion.LeadAssignment is null).ToList();
        if (unassigned.Count > 0)
            body.Add(DocParagraph.Plain($"{++item}. Chưa phân công: ý kiến số {Numbers(unassigned)} (gồm {unassigned.Count} ý kiến)."));

        body.Add(DocParagraph.Head("III. ĐỀ XUẤT, KIẾN NGHỊ"));
        body.Add(DocParagraph.Plain("1. Đề nghị người đứng đầu cấp ủy, chính quyền giao bộ phận tham mưu tổ chức hội nghị đối thoại tham mưu thành lập "
            + "Tổ thư ký giúp việc tổ chức hội nghị đối thoại; chuẩn bị các điều kiện cần thiết để tổ chức hội nghị; chủ trì phối hợp với các cơ quan, "
            + "đơn vị liên quan tham mưu xử lý các công việc sau đối thoại."));
        body.Add(DocParagraph.Plain("2. Tổ thư ký chuẩn bị đầy đủ văn bản, nội dung, chương trình hội nghị đối thoại; tổng hợp các tài liệu, thông tin "
            + "có liên quan; nghiên cứu các thông tin đã thu thập được, phân loại từng nội dung kiến nghị; tham mưu phân công nhiệm vụ cho các cơ quan "
            + "chuyên môn chuẩn bị nội dung trả lời; tiếp nhận các phiếu hoặc các ý kiến đăng ký phát biểu; phân loại ý kiến để sắp xếp chương trình; "
            + "theo dõi, tổng hợp ghi biên bản hội nghị; tập hợp lập hồ sơ hội nghị đối thoại; báo cáo kết quả hội nghị."));
        var departments = byLead.Select(g => g.Key)
            .Concat(numbered.SelectMany(n => n.Opinion.Assignments.Where(a => !a.IsLead).Select(a => a.DepartmentName))).Distinct().ToList();
        body.Add(DocParagraph.Plain($"3. Giao các cơ quan liên quan{(departments.Count > 0 ? $" ({string.Join(", ", departments)})" : "")} có trách nhiệm "
            + $"tham mưu nội dung trả lời, phối hợp với {office} tham mưu xử lý các công việc sau đối thoại."));

        return new AdminDocument(
            $"bao-cao-phan-loai-y-kien-{meeting.PublicCode}.docx",
            Header(issuer, date),
            Kind,
            "Tổng hợp, phân loại nội dung ý kiến, kiến nghị của Nhân dân và phân công chuẩn bị nội dung trả lời ý kiến",
            body,
            issuer.Recipients([$"Thường trực {issuer.Name} (để báo cáo)", "Các phòng, ban được phân công", Front(issuer)], Archive(issuer)),
            [Signer(issuer)]);
    }

    /// <summary>Mẫu 6: Báo cáo trả lời ý kiến, kiến nghị của Nhân dân — the prepared answers, field by field.</summary>
    public static AdminDocument Answers(Meeting meeting, DateOnly date)
    {
        var issuer = Issuer.Of(meeting);
        var office = OfficeName(issuer);
        var numbered = Numbered(meeting);
        // Complaints and denunciations follow the law on petitions; they are counted, never read out with their authors.
        var answered = numbered.Where(n => !n.Opinion.IsPetition).ToList();
        var body = new List<DocParagraph>
        {
            DocParagraph.Plain($"Thực hiện Kế hoạch số {Issuer.PlanNumber(meeting.PlanNumber)} về tổ chức {MinutesDocument.Dialogue(meeting)}, trên cơ sở "
                + $"báo cáo của các cơ quan, đơn vị được phân công, {office} báo cáo trả lời các ý kiến, kiến nghị của Nhân dân thu thập trước "
                + $"hội nghị ({answered.Count} ý kiến; đã có nội dung trả lời {answered.Count(n => n.Opinion.PreparedAnswer is not null)} ý kiến) như sau:"),
        };
        var section = 0;
        foreach (var group in answered.GroupBy(n => n.Opinion.Field).OrderBy(g => Array.IndexOf(FieldOrder, g.Key)))
        {
            var name = FieldHeading(group.Key).Replace("Lĩnh vực ", "", StringComparison.Ordinal);
            body.Add(DocParagraph.Head($"{Roman(++section)}. CÁC Ý KIẾN VỀ {(name.StartsWith("Công tác", StringComparison.Ordinal) ? "" : "LĨNH VỰC ")}{Upper(name)}"));
            var point = 0;
            foreach (var n in group)
            {
                var o = n.Opinion;
                body.Add(new DocParagraph(
                [
                    new DocRun($"{++point}. Ý kiến số {n.Number}", Bold: true),
                    new DocRun($" ({Who(o)}{AlsoRaisedBy(n)}): {o.Content.TrimEnd()}"),
                ]));
                var lead = o.LeadAssignment?.DepartmentName;
                var answerLines = (o.PreparedAnswer ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (answerLines.Length == 0)
                    body.Add(new DocParagraph([new DocRun($"Trả lời của {lead ?? Issuer.Blank}: ", Bold: true, Italic: true),
                        new DocRun(o.PrepareDue is { } due ? $"đang chuẩn bị (hạn {Show(due)})." : Issuer.Blank)]));
                else
                {
                    body.Add(new DocParagraph([new DocRun($"Trả lời của {lead ?? office}: ", Bold: true, Italic: true), new DocRun(answerLines[0])]));
                    body.AddRange(answerLines.Skip(1).Select(DocParagraph.Plain));
                }
            }
        }
        if (answered.Count == 0) body.Add(DocParagraph.Plain("Không có ý kiến, kiến nghị nào cần trả lời."));

        body.Add(DocParagraph.Head($"{Roman(++section)}. ĐỀ XUẤT, KIẾN NGHỊ"));
        var proposals = new List<string>();
        var above = answered.Where(n => n.Opinion.Authority == Authority.LevelAbove).ToList();
        if (above.Count > 0) proposals.Add($"Đề nghị cấp trên xem xét, giải quyết các ý kiến không thuộc thẩm quyền: ý kiến số {Numbers(above)}.");
        var below = answered.Where(n => n.Opinion.Authority == Authority.LevelBelow).ToList();
        if (below.Count > 0) proposals.Add($"Chuyển cấp dưới giải quyết theo thẩm quyền: ý kiến số {Numbers(below)}.");
        var outOfTopic = answered.Where(n => n.Opinion.IsOutOfTopic).ToList();
        if (outOfTopic.Count > 0) proposals.Add($"Các ý kiến ngoài nội dung đối thoại (ý kiến số {Numbers(outOfTopic)}) được ghi nhận và trả lời bằng văn bản.");
        var petitions = numbered.Count(n => n.Opinion.IsPetition);
        if (petitions > 0) proposals.Add($"{petitions} đơn thư khiếu nại, tố cáo được chuyển cơ quan có thẩm quyền giải quyết theo quy định của pháp luật.");
        var waiting = answered.Where(n => n.Opinion.PreparedAnswer is null).ToList();
        if (waiting.Count > 0)
            proposals.Add($"Đề nghị các cơ quan, đơn vị khẩn trương hoàn thành nội dung trả lời ý kiến số {Numbers(waiting)} trước khi tổ chức hội nghị.");
        if (proposals.Count == 0) proposals.Add(Issuer.Blank);
        body.AddRange(proposals.Select((p, i) => DocParagraph.Plain($"{i + 1}. {p}")));

        return new AdminDocument(
            $"bao-cao-tra-loi-y-kien-{meeting.PublicCode}.docx",
            Header(issuer, date),
            Kind,
            $"Trả lời ý kiến, kiến nghị của Nhân dân tại {MinutesDocument.Dialogue(meeting)}",
            body,
            issuer.Recipients([$"Thường trực {issuer.Name} (để báo cáo)", "Chủ trì hội nghị đối thoại", Front(issuer)], Archive(issuer)),
            [Signer(issuer)]);
    }

    /// <summary>"- Ý kiến số 3: content (Nguyễn Văn A, Xóm 3; qua Ủy ban MTTQ, 02/05/2026) — đề xuất với cấp trên."</summary>
    private static DocParagraph Listed(NumberedOpinion n)
    {
        var o = n.Opinion;
        var tags = new List<string>();
        if (o.Authority != Authority.Within) tags.Add(o.Authority.ToVietnamese().ToLower(CultureInfo.GetCultureInfo("vi-VN")));
        if (o.IsOutOfTopic) tags.Add("ngoài nội dung đối thoại");
        if (o.IsPetition) tags.Add("đơn thư khiếu nại, tố cáo");
        var source = $"qua {o.Channel.ToVietnamese()}{(o.ReceivedOn is { } day ? $", {Show(day)}" : "")}";
        return new(
        [
            new DocRun($"- Ý kiến số {n.Number}: ", Bold: true),
            new DocRun($"{o.Content.TrimEnd()} ({Who(o)}; {source}{AlsoRaisedBy(n)})"),
            .. tags.Count > 0 ? [new DocRun($" — {string.Join("; ", tags)}.", Italic: true)] : Array.Empty<DocRun>(),
        ]);
    }

    private static string Who(Opinion o) => o.SubmitterPlace.Length > 0 ? $"{o.SubmitterName}, {o.SubmitterPlace}" : o.SubmitterName;

    private static string AlsoRaisedBy(NumberedOpinion n) =>
        n.Duplicates.Count == 0 ? "" : $"; cùng ý kiến: {string.Join(", ", n.Duplicates.Select(Who))}";

    private static string Numbers(IEnumerable<NumberedOpinion> opinions) => string.Join(", ", opinions.Select(n => n.Number));

    /// <summary>"trước ngày 05/05/2026" when all share a day, else each day with its opinions.</summary>
    private static string Deadlines(IReadOnlyList<NumberedOpinion> opinions)
    {
        var days = opinions.GroupBy(n => n.Opinion.PrepareDue).OrderBy(g => g.Key).ToList();
        if (days.Count == 1) return days[0].Key is { } only ? $"hoàn thành trước ngày {Show(only)}" : Issuer.Blank;
        return string.Join("; ", days.Select(g => $"ý kiến số {Numbers(g)} trước ngày {(g.Key is { } d ? Show(d) : Issuer.Blank)}"));
    }

    /// <summary>
    /// The host office issues both reports (note (1) of the forms): under the Party committee or the People's
    /// Committee of the commune, with its own name in bold beneath.
    /// </summary>
    private static DocumentHeader Header(Issuer issuer, DateOnly date, string code = "BC")
    {
        var office = OfficeName(issuer);
        if (issuer.HostOffice.Length == 0 || issuer.Commune.Length == 0) return issuer.Header(code, date);
        return issuer.Party
            ? new(Upper(issuer.Name), [Upper(office)], true, $"Số {Issuer.Blank}-{code}/{Initials(office)}", [Issuer.PartyTitle], issuer.PlaceDate(date))
            : new(Upper(issuer.Name), [Upper(office)], false, $"Số: {Issuer.Blank}/{code}-{(office.StartsWith("Văn phòng", StringComparison.OrdinalIgnoreCase) ? "VP" : Initials(office))}",
                [Issuer.NationalTitle, Issuer.Motto], issuer.PlaceDate(date));
    }

    /// <summary>"Văn phòng Đảng ủy xã Giao Minh" → "Văn phòng Đảng ủy": the commune is already in the line above.</summary>
    private static string OfficeName(Issuer issuer)
    {
        var host = issuer.HostOffice;
        if (host.Length == 0) return issuer.Party ? "Văn phòng Đảng ủy" : "Văn phòng HĐND và UBND";
        if (issuer.Commune.Length > 0 && host.EndsWith(" " + issuer.Commune, StringComparison.OrdinalIgnoreCase))
            return host[..^(issuer.Commune.Length + 1)].TrimEnd();
        return host;
    }

    /// <summary>"Văn phòng Đảng ủy" → "VPĐU": initials without their tone marks (Đ stays Đ); a word in capitals ("HĐND") is kept whole.</summary>
    private static string Initials(string name) => string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Where(w => w is not "và" and not "-")
        .Select(w => w.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? w
            : w[0] is 'Đ' or 'đ' ? "Đ"
            : w[..1].Normalize(System.Text.NormalizationForm.FormD)[..1].ToUpperInvariant()));

    private static Signature Signer(Issuer issuer) =>
        new([OfficeName(issuer).StartsWith("Văn phòng", StringComparison.OrdinalIgnoreCase) ? "CHÁNH VĂN PHÒNG" : "THỦ TRƯỞNG CƠ QUAN"],
            "(Ký tên, đóng dấu)", "");

    private static string Front(Issuer issuer) => issuer.Commune.Length > 0 ? $"Ủy ban MTTQ Việt Nam {issuer.Commune}" : "Ủy ban MTTQ Việt Nam";

    private static string Archive(Issuer issuer) => issuer.Party ? issuer.Archive : "- Lưu: VT, VP.";


    private static string Roman(int n) => n switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static string Upper(string text) => text.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    public static string Show(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
