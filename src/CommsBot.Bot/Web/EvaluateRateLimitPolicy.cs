using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Web;

/// <summary>
/// A fixed window per client for /api/evaluate: a caller with a valid API key is one client wherever it calls from;
/// anyone else is counted by remote address (behind a proxy, enable forwarded headers so that is the caller's).
/// Refusals are 429 problems with Retry-After.
/// </summary>
internal sealed class EvaluateRateLimitPolicy(ApiKeys keys, IOptions<ApiOptions> options, ILoggerFactory loggers) : IRateLimiterPolicy<string>
{
    public const string Name = "api-evaluate";

    private readonly ILogger logger = loggers.CreateLogger(typeof(EvaluateRateLimitPolicy).FullName!);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var limit = options.Value.RateLimit;
        var partition = keys.Match(ApiKeys.FromRequest(httpContext.Request)) is { } key
            ? "key:" + key.ToString(CultureInfo.InvariantCulture)
            : "address:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var limit = options.Value.RateLimit;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limit.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Log.ApiRateLimited(logger, keys.Match(ApiKeys.FromRequest(http.Request)) is null ? "address" : "API key", seconds);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"Each client may make {limit.PermitLimit:N0} requests every {limit.Window.TotalSeconds:N0} seconds. Try again in {seconds} seconds.")
            .ExecuteAsync(http)
            ;
    }
}
