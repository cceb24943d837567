namespace DoiThoai.Web.Features.FollowUp;

public static class FollowUpSetup
{
    /// <summary>The follow-up service, and the reminder e-mails (idle unless DoiThoai:Smtp:Host is set).</summary>
    public static IServiceCollection AddFollowUp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<FollowUpService>();
        services.AddSingleton<IMailTransport, SmtpTransport>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<ReminderMailer>();
        services.AddHostedService<ReminderMailService>();
        return services;
    }
}
