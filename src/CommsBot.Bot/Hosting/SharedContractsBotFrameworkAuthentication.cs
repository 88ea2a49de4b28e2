using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Serialization;

namespace CommsBot.Bot.Hosting;

/// <summary>
/// Wraps the Bot Framework authentication to take the per-turn setup out of a turn's CPU cost. CloudAdapter asks for
/// a new ConnectorClient and a new UserTokenClient on every turn and disposes both when the turn ends:
/// <list type="bullet">
/// <item>Each new ConnectorClient came with new JSON contract resolvers, and therefore empty contract caches: every
/// reply rebuilt the Activity contracts with Reflection.Emit, which measured about 15 ms of CPU per turn and capped
/// the bot at roughly 60 turns/s on 2 cores. Newtonsoft resolvers are thread-safe and meant to be shared.</item>
/// <item>Constructing a ConnectorClient (user-agent strings read from assembly attributes by reflection, default
/// headers, credentials) was still about a tenth of a turn. Connector clients are now kept per bot app id, service
/// URL and audience, as the SDK's older BotFrameworkAdapter kept them, and handed out with a Dispose that does
/// nothing. They are renewed after <see cref="ConnectorLifetime"/> so the HttpClient's handler (pooled by
/// IHttpClientFactory) is not pinned forever, and at most <see cref="MaxCachedConnectors"/> are kept: in local mode a
/// request may name any service URL.</item>
/// <item>The UserTokenClient (OAuth sign-in, which CommsBot never uses) is created only when something calls it.</item>
/// </list>
/// It also makes authentication fail closed and fast: a token that cannot be validated within
/// <paramref name="authenticationTimeout"/>, for whatever reason (metadata unreachable, an unknown signing key, a
/// malformed token), is an <see cref="UnauthorizedAccessException"/>, which the adapter answers with 401. The SDK
/// throws other exceptions for some of these, and the adapter answered those with 500.
/// </summary>
internal sealed class SharedContractsBotFrameworkAuthentication(BotFrameworkAuthentication inner, TimeSpan? authenticationTimeout = null, ILogger? logger = null)
    : BotFrameworkAuthentication
{
    internal static readonly TimeSpan DefaultAuthenticationTimeout = TimeSpan.FromSeconds(4);

    private readonly TimeSpan authenticationTimeout = authenticationTimeout ?? DefaultAuthenticationTimeout;
    internal const int MaxCachedConnectors = 64;
    internal static readonly TimeSpan ConnectorLifetime = TimeSpan.FromMinutes(5);

    private static readonly IContractResolver SerializationResolver = new ReadOnlyJsonContractResolver();
    private static readonly IContractResolver DeserializationResolver = new ReadOnlyJsonContractResolver();

    private readonly ConcurrentDictionary<string, CachedConnector> connectors = new(StringComparer.Ordinal);

    // The adapter takes the connector factory from the authentication result, so it is wrapped there too.
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Wrap(await FailClosedAsync(inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken), cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Wrap(await FailClosedAsync(inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken), cancellationToken));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedConnectorFactory(this, inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new LazyUserTokenClient(() => inner.CreateUserTokenClientAsync(claimsIdentity, CancellationToken.None)));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        FailClosedAsync(inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken), cancellationToken);

    private async Task<T> FailClosedAsync<T>(Task<T> authenticating, CancellationToken cancellationToken)
    {
        try
        {
            // Local mode and cached metadata complete at once: no timer for them.
            return authenticating.IsCompleted
                ? await authenticating
                : await authenticating.WaitAsync(authenticationTimeout, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            Fail("not validated within " + authenticationTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s");
            throw new UnauthorizedAccessException("The token could not be validated in time.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not attached as the inner exception: the adapter logs the whole exception, and token handlers' messages
            // can quote the token.
            Fail("token not validated: " + e.GetType().Name);
            throw new UnauthorizedAccessException("The token could not be validated.");
        }
    }

    private void Fail(string reason)
    {
        if (logger is not null)
        {
            Log.Unauthorized(logger, reason);
        }
    }

    private AuthenticateRequestResult Wrap(AuthenticateRequestResult result)
    {
        if (result?.ConnectorFactory is { } factory and not SharedConnectorFactory)
        {
            result.ConnectorFactory = new SharedConnectorFactory(this, factory, result.ClaimsIdentity);
        }

        return result!;
    }

    private async Task<IConnectorClient> GetConnectorAsync(ConnectorFactory factory, ClaimsIdentity? identity, string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        // Everything the inner factory's client depends on: the bot's app id (from the claims, as the SDK reads it),
        // the service URL and the audience of its token.
        var key = string.Join(
            '\n',
            identity?.FindFirst(AuthenticationConstants.AudienceClaim)?.Value,
            identity?.FindFirst(AuthenticationConstants.AppIdClaim)?.Value,
            serviceUrl,
            audience);
        var now = Environment.TickCount64;
        if (connectors.TryGetValue(key, out var cached) && now - cached.CreatedAt < ConnectorLifetime.TotalMilliseconds)
        {
            return cached.Client;
        }

        var client = await factory.CreateAsync(serviceUrl, audience, cancellationToken);
        if (client is not ConnectorClient created)
        {
            return client; // a test's fake: leave it as it is
        }

        if (cached is null && connectors.Count >= MaxCachedConnectors)
        {
            // Owned by the turn and disposed with it.
            created.SerializationSettings.ContractResolver = SerializationResolver;
            created.DeserializationSettings.ContractResolver = DeserializationResolver;
            return created;
        }

        // The shared client takes over the created one's HttpClient and credentials; the created one is dropped
        // without Dispose, which would dispose that HttpClient.
        var shared = new SharedConnectorClient(created.BaseUri, created.Credentials, created.HttpClient);

        // ServiceClient adds the concrete type to the User-Agent; keep the header what the SDK's own client sends.
        var userAgent = shared.HttpClient.DefaultRequestHeaders.UserAgent;
        foreach (var entry in userAgent.Where(e => e.Product?.Name?.Contains(nameof(SharedConnectorClient), StringComparison.Ordinal) == true).ToList())
        {
            userAgent.Remove(entry);
        }

        shared.SerializationSettings.ContractResolver = SerializationResolver;
        shared.DeserializationSettings.ContractResolver = DeserializationResolver;
        connectors[key] = new CachedConnector(shared, now);
        return shared;
    }

    private sealed record CachedConnector(SharedConnectorClient Client, long CreatedAt);

    /// <summary>A connector client used by many turns at once (it is thread-safe: each call builds its own request).
    /// The adapter disposes the client of each turn; this one outlives turns, so Dispose does nothing, and a renewed
    /// client's predecessor is left to the garbage collector, since a turn may still be using it.</summary>
    private sealed class SharedConnectorClient(Uri baseUri, ServiceClientCredentials credentials, HttpClient httpClient)
        : ConnectorClient(baseUri, credentials, httpClient, disposeHttpClient: false)
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215", Justification = "Shared across turns: the turn that disposes it does not own it.")]
        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class SharedConnectorFactory(SharedContractsBotFrameworkAuthentication owner, ConnectorFactory inner, ClaimsIdentity? identity) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            owner.GetConnectorAsync(inner, identity, serviceUrl, audience, cancellationToken);
    }

    /// <summary>Creates the real UserTokenClient on first use. CloudAdapter makes one per turn for OAuth prompts;
    /// creating it (an OAuthClient and its credentials) was about 6% of a turn, for a client CommsBot never calls.</summary>
    private sealed class LazyUserTokenClient(Func<Task<UserTokenClient>> create) : UserTokenClient
    {
        private readonly Lazy<Task<UserTokenClient>> client = new(create);

        public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            await (await client.Value).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

        public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            await (await client.Value).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

        public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            await (await client.Value).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

        public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            await (await client.Value).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

        public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            await (await client.Value).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

        public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            await (await client.Value).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing && client.IsValueCreated && client.Value.IsCompletedSuccessfully)
            {
                client.Value.Result.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
