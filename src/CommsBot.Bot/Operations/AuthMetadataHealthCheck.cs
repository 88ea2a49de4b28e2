using CommsBot.Bot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Operations;

/// <summary>Ready when the bot can validate Bot Framework tokens: the OpenID configuration and signing keys have been
/// fetched (and are refetched through the same cache the SDK uses, at most hourly). Degraded while a failed refresh
/// leaves the last good copy in use. In local mode there is nothing to validate. No URLs or messages in the answer.</summary>
internal sealed class AuthMetadataHealthCheck(IOptions<BotAuthenticationOptions> options) : IHealthCheck
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var auth = options.Value;
        if (auth.IsLocalMode)
        {
            return HealthCheckResult.Healthy("local mode: tokens are not validated");
        }

        var state = await OpenIdMetadata.CheckAsync(auth.ChannelMetadataUrl, MaxAge, cancellationToken);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (state.FetchedAt is { } fetched)
        {
            data["fetchedAt"] = fetched.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!state.HasDocument)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "token metadata unavailable: " + (state.LastFailure ?? "not fetched"), data: data);
        }

        return state.Stale
            ? HealthCheckResult.Degraded("last good token metadata in use; refresh failed: " + state.LastFailure, data: data)
            : HealthCheckResult.Healthy("token metadata fetched", data);
    }
}
