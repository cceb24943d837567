using DoiThoai.Domain;

namespace DoiThoai.Web.Data;

/// <summary>
/// A realistic demo meeting modelled on the plan of xã Giao Minh (seed 001, Kế hoạch số 21-KH/ĐU): announced, not started,
/// with speak-requests from several villages and organizations, some approved into the queue and some left for the
/// reception desk to screen (one of them a land-dispute petition to reject). Names of people are made up; no phone numbers.
/// The events raised while building stay pending: the caller journals them.
/// </summary>
public static class DemoMeeting
{
    private const string Commune = "Giao Minh";

    private const string OrgFarmers = "Hội Nông dân xã";
    private const string OrgWomen = "Hội Liên hiệp Phụ nữ xã";
    private const string OrgYouth = "Đoàn Thanh niên xã";
    private const string OrgVeterans = "Hội Cựu chiến binh xã";

    private const string StaffAuthor = "Bộ phận tham mưu trả lời";

    /// <summary>The villages (mỗi xóm 5 đại biểu) and the political-social organizations invited by the plan.</summary>
    public static IReadOnlyList<string> Places { get; } =
    [
        .. Enumerable.Range(1, 16).Select(n => $"Xóm {n}"),
        OrgFarmers,
        OrgWomen,
        OrgYouth,
        OrgVeterans,
    ];

    /// <summary>The standard departments (phòng, ban, ngành) in their usual order.</summary>
    public static IReadOnlyList<Department> Departments(Guid unitId) =>
        Department.StandardNames.Select((name, index) => new Department(name, index + 1, unitId)).ToList();

    public static Meeting Build(DateTimeOffset now, IReadOnlyList<Department> departments, Guid? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(departments);

        var hallToday = Clock.ToHallTime(now);
        var start = new DateTimeOffset(hallToday.Year, hallToday.Month, hallToday.Day, 14, 0, 0, Clock.VietnamOffset);

        var meeting = Meeting.Create(new MeetingPlan(
            Title: $"Hội nghị đối thoại giữa Bí thư Đảng ủy, Chủ tịch UBND xã với Nhân dân xã {Commune} năm 2026",
            Kind: MeetingKind.Periodic,
            Chairs:
            [
                new ChairPerson("Trần Văn Hùng", "Bí thư Đảng ủy, Chủ tịch HĐND xã"),
                new ChairPerson("Đỗ Minh Tuấn", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã"),
            ],
            Venue: $"Hội trường Trụ sở Đảng ủy xã {Commune}",
            ScheduledStart: start,
            ExpectedAttendance: 200,
            PlanNumber: "Số 21-KH/ĐU",
            HostOffice: $"Văn phòng Đảng ủy xã {Commune}",
            Audience: $"Nhân dân xã {Commune}",
            Form: DialogueForm.Direct,
            PlacesList: Places,
            UnitId: unitId ?? DemoUnits.GiaoMinhId,
            Content: "Công tác lãnh đạo, chỉ đạo của cấp ủy, chính quyền trong thực hiện chủ trương, chính sách, pháp luật của Đảng và Nhà nước; "
                + "phát triển kinh tế - văn hóa - xã hội (quản lý đất đai, tài chính ngân sách, y tế, văn hóa, giáo dục, nông nghiệp, "
                + "xây dựng nông thôn mới, chế độ chính sách); an toàn giao thông, an ninh trật tự trên địa bàn."));

        meeting.Announce();
        AddInvitedDelegates(meeting);

        var samples = Samples();
        var submitted = new List<(Sample Sample, SpeakRequest Request)>();
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            var at = now.AddMinutes(-(samples.Count - i) * 4 - 10);
            var request = meeting.Submit(
                new SpeakRequestDraft(sample.Name, sample.Place, sample.Field, sample.Content, SpeakMode.Speak, sample.Source),
                at);
            submitted.Add((sample, request));
        }

        // The reception desk has screened the first batch; the rest still wait for it (approval times stay before now).
        var approvals = submitted.Where(s => s.Sample.Approve).ToList();
        for (var i = 0; i < approvals.Count; i++)
        {
            var approvedAt = now.AddMinutes(-(approvals.Count - i) - 2);
            meeting.Approve(approvals[i].Request.Id, approvedAt);
        }

        // The answer staff has prepared some answers: lead department assigned, a private note for the chair.
        var noteAt = now.AddMinutes(-2);
        foreach (var (sample, request) in submitted)
        {
            if (request.OpinionId is not { } opinionId) continue;
            if (sample.LeadDepartment is { } leadName && departments.FirstOrDefault(d => d.Name == leadName) is { } lead)
                meeting.AssignDepartments(opinionId, [lead.ToRef()], lead.Id, noteAt);
            if (sample.StaffNote is { } note)
                meeting.AddStaffNote(opinionId, StaffAuthor, note, noteAt);
        }

        return meeting;
    }

    private sealed record Sample(
        string Name,
        string Place,
        OpinionField Field,
        OpinionSource Source,
        string Content,
        bool Approve,
        string? LeadDepartment = null,
        string? StaffNote = null);

    private static IReadOnlyList<Sample> Samples() =>
    [
        new("Nguyễn Văn An", "Xóm 3", OpinionField.Economy, OpinionSource.Phone,
            "Tuyến đường trục xóm 3 nối ra đường liên xã đã xuống cấp nghiêm trọng, nhiều ổ gà, mùa mưa ngập nước, "
            + "học sinh và người dân đi lại rất khó khăn. Đề nghị xã cho biết kế hoạch nâng cấp, cứng hóa tuyến đường này "
            + "trong năm 2026 và việc huy động nhân dân đóng góp như thế nào.",
            Approve: true,
            LeadDepartment: "Phòng Kinh tế",
            StaffNote: "Phòng Kinh tế đã chuẩn bị trả lời; dự án nâng cấp tuyến đường có vốn năm 2026, dự kiến khởi công sau vụ xuân."),

        new("Phạm Thị Hoa", "Xóm 7", OpinionField.Economy, OpinionSource.Paper,
            "Kênh tưới tiêu nội đồng khu cánh đồng phía đông xóm 7 bị bồi lắng, cỏ mọc dày, vụ xuân vừa qua nước không vào "
            + "được ruộng, nhiều hộ phải bơm tát tốn kém. Đề nghị xã chỉ đạo nạo vét, tu sửa cống trước vụ mùa.",
            Approve: true),

        new("Trần Văn Bình", "Xóm 5", OpinionField.LandEnvironment, OpinionSource.Phone,
            "Gia đình tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất tại Trung tâm phục vụ hành chính công "
            + "từ tháng 8 năm 2025 nhưng đến nay vẫn chưa nhận được kết quả. Đề nghị xã cho biết lý do chậm và thời hạn giải quyết.",
            Approve: true,
            LeadDepartment: "Trung tâm phục vụ hành chính công",
            StaffNote: "Hồ sơ đang chờ bổ sung trích đo địa chính; Trung tâm đã liên hệ với gia đình, dự kiến trả kết quả trong tháng này."),

        new("Vũ Thị Lan", OrgWomen, OpinionField.CultureSociety, OpinionSource.Paper,
            "Nhiều hội viên phụ nữ lớn tuổi chưa nắm được chính sách bảo hiểm xã hội tự nguyện và hỗ trợ mua thẻ bảo hiểm y tế "
            + "cho hộ cận nghèo. Đề nghị xã tăng cường tuyên truyền, hướng dẫn thủ tục ngay tại các xóm.",
            Approve: true),

        new("Đỗ Văn Thắng", "Xóm 11", OpinionField.CultureSociety, OpinionSource.Phone,
            "Từ khi sắp xếp lại điểm trường, học sinh tiểu học của xóm 11 phải đi học xa hơn, đoạn đường đến trường không có "
            + "vỉa hè và đèn chiếu sáng. Đề nghị xã quan tâm bố trí xe đưa đón hoặc lắp đèn, biển báo giao thông khu vực cổng trường.",
            Approve: true),

        new("Lê Thị Mai", "Xóm 9", OpinionField.LandEnvironment, OpinionSource.Phone,
            "Điểm tập kết rác thải sinh hoạt ven đê của xóm 9 lâu ngày không được thu gom, bốc mùi hôi, ảnh hưởng đến sức khỏe "
            + "của các hộ xung quanh. Đề nghị xã tăng số lần thu gom trong tuần và xử lý dứt điểm bãi rác tự phát.",
            Approve: true),

        new("Hoàng Văn Tuấn", OrgVeterans, OpinionField.DefenceSecurity, OpinionSource.Paper,
            "Thời gian gần đây có tình trạng thanh thiếu niên tụ tập, phóng xe máy tốc độ cao trên tuyến đê biển vào ban đêm, "
            + "gây mất an ninh trật tự và an toàn giao thông. Đề nghị Công an xã tăng cường tuần tra, phối hợp với gia đình và nhà trường để giáo dục các cháu.",
            Approve: true,
            LeadDepartment: "Công an xã"),

        new("Ngô Văn Hải", "Xóm 2", OpinionField.PartyBuilding, OpinionSource.Paper,
            "Đề nghị Đảng ủy quan tâm hơn đến công tác tạo nguồn, phát triển đảng viên trong đoàn viên thanh niên; hiện một số "
            + "chi bộ xóm nhiều năm liền không kết nạp được đảng viên mới, đảng viên cao tuổi chiếm tỷ lệ lớn.",
            Approve: false),

        new("Bùi Thị Thu", "Xóm 14", OpinionField.Personnel, OpinionSource.Phone,
            "Từ khi thực hiện mô hình chính quyền địa phương hai cấp, người dân chưa biết rõ cán bộ nào phụ trách lĩnh vực nào. "
            + "Đề nghị xã công khai lịch trực và nhiệm vụ của từng cán bộ, công chức tại Trung tâm phục vụ hành chính công để người dân tiện liên hệ.",
            Approve: false),

        new("Phan Văn Long", OrgYouth, OpinionField.Economy, OpinionSource.Phone,
            "Nhiều đoàn viên thanh niên muốn khởi nghiệp nuôi trồng thủy sản nhưng khó tiếp cận nguồn vốn vay ưu đãi. "
            + "Đề nghị xã phối hợp với Ngân hàng Chính sách xã hội hỗ trợ, hướng dẫn thủ tục vay vốn cho thanh niên.",
            Approve: false),

        new("Đinh Thị Hương", "Xóm 16", OpinionField.Other, OpinionSource.Paper,
            "Sau khi sắp xếp đơn vị hành chính, nhiều hộ chưa biết có phải làm lại giấy tờ theo địa chỉ mới hay không. "
            + "Đề nghị xã hướng dẫn cụ thể việc cập nhật thông tin địa chỉ trên căn cước và các giấy tờ liên quan.",
            Approve: false),

        new("Trịnh Văn Sơn", "Xóm 8", OpinionField.LandEnvironment, OpinionSource.Paper,
            "Đơn thư khiếu kiện về tranh chấp đất đai với hộ liền kề: gia đình tôi bị lấn chiếm khoảng 30 mét vuông đất vườn, "
            + "đã hòa giải ở xóm nhưng không thành. Đề nghị xã giải quyết dứt điểm và buộc hộ liền kề trả lại đất.",
            Approve: false),
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đinh", "Trịnh"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Đức", "Minh", "Thị Thu", "Văn Thanh", "Hữu", "Thị Ngọc"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Khánh", "Lan", "Liên", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vinh", "Xuân", "Yến"];

    /// <summary>About 200 made-up invited delegates, as the seed plans: "mỗi xóm 5 đại biểu" plus commune and city guests.</summary>
    private static void AddInvitedDelegates(Meeting meeting)
    {
        var n = 0;
        string NextName() { n++; return $"{FamilyNames[n % FamilyNames.Length]} {MiddleNames[n * 7 % MiddleNames.Length]} {GivenNames[n * 11 % GivenNames.Length]}"; }

        meeting.AddDelegate(NextName(), "Phó Chủ tịch UBND thành phố", "UBND thành phố", DelegateGroup.CityDelegate);
        meeting.AddDelegate(NextName(), "Phó Trưởng ban Dân vận Thành ủy", "Ban Dân vận Thành ủy", DelegateGroup.CityDelegate);
        string[] communeTitles = ["Phó Bí thư Đảng ủy", "Chủ tịch Ủy ban MTTQ xã", "Phó Chủ tịch UBND xã", "Trưởng Công an xã", "Chỉ huy trưởng Quân sự xã", "Chủ tịch Hội Nông dân xã", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "Bí thư Đoàn Thanh niên xã", "Chủ tịch Hội Cựu chiến binh xã", "Trưởng phòng Kinh tế", "Trưởng phòng Văn hóa - Xã hội", "Giám đốc Trung tâm phục vụ hành chính công"];
        foreach (var title in communeTitles) meeting.AddDelegate(NextName(), title, "Xã Giao Minh", DelegateGroup.CommuneDelegate);
        string[] villageTitles = ["Bí thư chi bộ", "Trưởng xóm", "Trưởng ban công tác Mặt trận", "Chi hội trưởng Phụ nữ", "Chi hội trưởng Nông dân"];
        foreach (var village in meeting.Places.Where(p => p.StartsWith("Xóm", StringComparison.Ordinal)))
        {
            foreach (var title in villageTitles) meeting.AddDelegate(NextName(), title, village, DelegateGroup.VillageDelegate);
            for (var i = 0; i < 5; i++) meeting.AddDelegate(NextName(), "", village, DelegateGroup.People);
        }
    }
}
