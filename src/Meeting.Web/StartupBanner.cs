using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using DoiThoai.Web.Data;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web;

/// <summary>Prints where to open the app, including the hall's LAN addresses that phones can reach, and which mode it runs in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, StartupClock clock)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost"));
            Console.WriteLine($"DoiThoai đang chạy: {uri.Scheme}://localhost:{uri.Port}/");
            if (address.Contains("0.0.0.0") || address.Contains("[::]"))
                foreach (var ip in DoiThoai.Web.Features.Security.HallCertificate.LanAddresses()) Console.WriteLine($"  Trong mạng nội bộ: {uri.Scheme}://{ip}:{uri.Port}/");
        }
        if (addresses.Any(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            Console.WriteLine("Máy của cán bộ: mở bằng https:// (lần đầu cài chứng chỉ ở trang /chung-chi); điện thoại người dân dùng http://.");
        var dataDirectory = Storage.ResolveDataDirectory(app.Configuration);
        Console.WriteLine(app.Services.GetRequiredService<IOptions<DoiThoaiOptions>>().Value.Demo
            ? $"Chế độ TRÌNH DIỄN: dữ liệu mẫu và tài khoản mẫu với mật khẩu công khai — không dùng cho hội nghị thật. Dữ liệu: {dataDirectory}"
            : $"Chế độ cài đặt thật (không có dữ liệu mẫu). Dữ liệu: {dataDirectory}");
        Console.WriteLine(clock.Summary());
    }
}
