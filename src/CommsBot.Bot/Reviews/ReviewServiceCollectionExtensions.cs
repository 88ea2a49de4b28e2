using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using CommsBot.Nudges;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace CommsBot.Bot.Reviews;

/// <summary>Registers the review queue.</summary>
public static class ReviewServiceCollectionExtensions
{
    /// <summary>The Data Protection application name: every instance on one database shares the key ring and can
    /// read what another encrypted (the default would isolate each by its content root path).</summary>
    public const string ApplicationName = "CommsBot";

    /// <summary>Options (validated on start), Data Protection with its key ring in the bot's database, the store,
    /// the channel cache and the queue.</summary>
    public static IServiceCollection AddCommsBotReviews(this IServiceCollection services)
    {
        services.AddOptions<ReviewOptions>().BindConfiguration(ReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The key ring's repository asks for a CommsBotDbContext in a scope: one from the bot's (pooled) factory.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<CommsBotDbContext>>().CreateDbContext());
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CommsBotDbContext>();

        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ReviewChannels>();
        services.AddSingleton<ReviewProtector>();
        services.AddSingleton<ReviewWorkflow>();
        return services;
    }

    /// <summary>
    /// Encrypts the Data Protection key ring at rest when <c>Review:KeyRingCertificate</c> names a certificate: each
    /// key is written to the database encrypted to it (XML encryption, RSA-OAEP), so a copy of the database alone no
    /// longer decrypts the saved drafts. Keys written before it was set stay readable; <c>Review:KeyRingPreviousCertificates</c>
    /// keeps keys written with an earlier certificate readable after a rotation. A file that is missing, not PKCS#12,
    /// opened by another password or without an RSA private key stops start-up with a message that says which.
    /// </summary>
    public static IServiceCollection AddCommsBotKeyRingProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ReviewOptions.Section);
        var path = section[nameof(ReviewOptions.KeyRingCertificate)];
        if (string.IsNullOrWhiteSpace(path))
        {
            return services;
        }

        var password = section[nameof(ReviewOptions.KeyRingCertificatePassword)];
        var current = LoadCertificate($"Review:{nameof(ReviewOptions.KeyRingCertificate)}", path, password);
        var previous = section.GetSection(nameof(ReviewOptions.KeyRingPreviousCertificates)).GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => LoadCertificate($"Review:{nameof(ReviewOptions.KeyRingPreviousCertificates)}:{c.Key}", c.Value!, password));
        services.AddDataProtection()
            .ProtectKeysWithCertificate(current)
            .UnprotectKeysWithAnyCertificate([current, .. previous]);
        return services;
    }

    private static X509Certificate2 LoadCertificate(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new CommsBotStartupException($"{setting}: cannot read '{path}' (no such file).");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommsBotStartupException($"{setting}: cannot read '{path}' ({e.GetType().Name}).");
        }
        catch (CryptographicException)
        {
            throw new CommsBotStartupException($"{setting}: '{path}' is not a PKCS#12 (.pfx) file that Review:KeyRingCertificatePassword opens.");
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            certificate.Dispose();
            throw new CommsBotStartupException($"{setting}: '{path}' holds no RSA private key (the key ring is encrypted with RSA).");
        }

        return certificate;
    }
}

/// <summary>Reminds about requests left open and purges the text of old ones. Each step is once-only across
/// instances: a reminder is claimed by a conditional update, and the purge is idempotent.</summary>
[DisallowConcurrentExecution]
public sealed class ReviewMaintenanceJob(ReviewWorkflow queue, ILogger<ReviewMaintenanceJob> logger) : IJob
{
    public static readonly JobKey Key = new("review-maintenance", "reviews");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var reminded = await queue.RemindAsync(cancellationToken);
            var purged = await queue.PurgeAsync(cancellationToken);
            Log.ReviewMaintenance(logger, reminded, purged);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReviewMaintenanceFailed(logger, e.GetType().Name);
        }
    }
}

/// <summary>Checks the review settings at start-up, listing every problem at once.</summary>
internal sealed class ReviewOptionsValidator : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions options) =>
        string.IsNullOrWhiteSpace(options.MaintenanceCron) || !CronExpression.TryParse(options.MaintenanceCron, out _)
            ? ValidateOptionsResult.Fail($"Review:MaintenanceCron '{options.MaintenanceCron}' is not a valid Quartz cron expression (seconds first, e.g. '0 */15 * * * ?').")
            : ValidateOptionsResult.Success;
}
