using DoiThoai.Domain;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.PersonalData;

/// <summary>DoiThoai:PersonalData — how long personal data is kept.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "DoiThoai:PersonalData";

    /// <summary>Phone numbers were given only to hear about the answer: drop them once every written answer is in.</summary>
    public bool ErasePhonesAfterFollowUp { get; set; } = true;

    /// <summary>Days to wait after the last answer (time for the person to call back about it); 0 drops them at the next run.</summary>
    public int DaysAfterFollowUp { get; set; }
}

/// <summary>
/// Retention of phone numbers: a meeting whose conclusion notice was issued and whose follow-up items are all answered
/// (for at least <see cref="PersonalDataOptions.DaysAfterFollowUp"/> days) loses the phone numbers of its requests and
/// opinions — through its writer, journalled, like any other change.
/// </summary>
public sealed class PhoneRetention(IDbContextFactory<AppDb> dbFactory, MeetingCommands commands, IOptions<PersonalDataOptions> options)
{
    public const string Actor = "Hệ thống (thời hạn lưu dữ liệu)";

    /// <summary>Returns how many meetings lost their phone numbers on this run.</summary>
    public async Task<int> RunAsync(DateOnly today, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.ErasePhonesAfterFollowUp) return 0;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var notices = await db.Set<IssuedNotice>().AsNoTracking().Select(n => new { n.MeetingId, n.NoticeDate }).ToListAsync(ct);
            var items = await db.Set<FollowUpItem>().AsNoTracking()
                .Select(i => new { i.MeetingId, i.Status, i.AnswerDate, i.RecordedAt }).ToListAsync(ct);
            var withPhones = (await db.SpeakRequests.AsNoTracking().Where(r => r.Phone != null).Select(r => r.MeetingId)
                .Concat(db.Opinions.AsNoTracking().Where(o => o.SubmitterPhone != null).Select(o => o.MeetingId))
                .Distinct().ToListAsync(ct)).ToHashSet();
            var byMeeting = items.ToLookup(i => i.MeetingId);
            due = notices.Where(n => withPhones.Contains(n.MeetingId)).Where(n =>
            {
                var own = byMeeting[n.MeetingId].ToList();
                if (own.Any(i => i.Status != FollowUpStatus.Answered)) return false;
                // Closed on the last answer's day; a notice with nothing to follow closed the day it was issued.
                var closed = own.Select(i => i.AnswerDate ?? (i.RecordedAt is { } at ? DateOnly.FromDateTime(Clock.ToHallTime(at).DateTime) : n.NoticeDate))
                    .Append(n.NoticeDate).Max();
                return closed.AddDays(Math.Max(0, settings.DaysAfterFollowUp)) <= today;
            }).Select(n => n.MeetingId).ToList();
        }
        var done = 0;
        foreach (var meetingId in due)
        {
            var result = await commands.RunAsSystemAsync(meetingId, Actor, (m, now) => m.ForgetPhones(now), ct);
            if (result is { Ok: true, Value: > 0 }) done++;
        }
        return done;
    }
}

/// <summary>Once on start and then every hour, off the request path: applies <see cref="PhoneRetention"/>.</summary>
public sealed class PhoneRetentionService(PhoneRetention retention, TimeProvider clock, ILogger<PhoneRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var meetings = await retention.RunAsync(FollowUpService.HallDate(clock), stoppingToken);
                if (meetings > 0) logger.LogInformation("Phone numbers dropped in {Count} meeting(s) whose follow-up is closed", meetings);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The phone retention run failed; it runs again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
