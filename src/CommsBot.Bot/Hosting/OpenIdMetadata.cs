using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace CommsBot.Bot.Hosting;

/// <summary>What is known of one metadata document (the OpenID configuration or its signing keys).</summary>
internal sealed record OpenIdMetadataState(bool HasDocument, bool Stale, DateTimeOffset? FetchedAt, string? LastFailure);

/// <summary>
/// The HTTP client the Bot Framework SDK fetches its token-validation metadata with (the OpenID configuration and the
/// signing keys), so that validating a token fails closed and fast when Microsoft's endpoints are slow or unreachable.
/// <list type="bullet">
/// <item>The SDK keeps one metadata manager per URL in a static cache and gives it a static HttpClient with the
/// default 100 s timeout. <see cref="Prime"/> creates the cache entry first, through the SDK's public
/// <see cref="JwtTokenExtractor"/> constructor, with this client instead; every later validation for that URL uses it.
/// Hence process-wide, like the SDK's cache.</item>
/// <item>Each fetch has a short timeout. A fetch that fails answers with the last good document, if there is one;
/// otherwise it fails at once, without a request, until a back-off (5 s, doubling to 60 s) has passed. The metadata
/// manager retries on every request while it has nothing, so without this a dead endpoint meant a fetch per request,
/// each one queued behind the last.</item>
/// </list>
/// </summary>
internal static class OpenIdMetadata
{
    private static readonly CachingHandler Handler = new(new HttpClientHandler
    {
        // IdentityModel fetches metadata over https only. On loopback (a test's stand-in for Microsoft's endpoints)
        // the certificate is not checked: that is no weaker than http there, and nothing else is on loopback.
        ServerCertificateCustomValidationCallback = (request, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || request.RequestUri?.IsLoopback == true,
    });

    public static HttpClient Client { get; } = new(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>How long one fetch may take (the last host to configure it wins: it is one setting per process).</summary>
    public static TimeSpan FetchTimeout
    {
        get => Handler.FetchTimeout;
        set => Handler.FetchTimeout = value;
    }

    /// <summary>Makes the SDK validate tokens for <paramref name="metadataUrl"/> with <see cref="Client"/>. Must run
    /// before the SDK validates a token against that URL (the host calls it when it creates the authentication).</summary>
    public static void Prime(string metadataUrl) =>
        _ = new JwtTokenExtractor(Client, new TokenValidationParameters(), metadataUrl, AuthenticationConstants.AllowedSigningAlgorithms);

    public static OpenIdMetadataState State(string url) => Handler.State(url);

    /// <summary>The state of the OpenID configuration at <paramref name="metadataUrl"/> and of its signing keys,
    /// fetched through the cache when nothing was fetched for a while (the readiness check).</summary>
    public static async Task<OpenIdMetadataState> CheckAsync(string metadataUrl, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var state = Handler.State(metadataUrl);
        if (state.HasDocument && !state.Stale && DateTimeOffset.UtcNow - state.FetchedAt < maxAge)
        {
            return state;
        }

        var keysUrl = await FetchJwksUriAsync(metadataUrl, cancellationToken);
        state = Handler.State(metadataUrl);
        if (keysUrl is null || !state.HasDocument)
        {
            return state;
        }

        using (await Client.GetAsync(keysUrl, cancellationToken))
        {
        }

        var keys = Handler.State(keysUrl.AbsoluteUri);
        return keys.HasDocument ? state with { Stale = state.Stale || keys.Stale } : keys;
    }

    private static async Task<Uri?> FetchJwksUriAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(new Uri(metadataUrl), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var keys) ? keys : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class CachingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private const long MaxDocumentBytes = 1024 * 1024;
        private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(60);

        private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

        public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(3);

        public OpenIdMetadataState State(string url) =>
            entries.TryGetValue(new Uri(url).AbsoluteUri, out var entry) ? entry.State : new OpenIdMetadataState(false, false, null, null);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get || request.RequestUri is null)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var entry = entries.GetOrAdd(request.RequestUri.AbsoluteUri, _ => new Entry());
            if (entry.InBackOff)
            {
                return entry.Response(request);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            try
            {
                using var response = await base.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    await response.Content.LoadIntoBufferAsync(MaxDocumentBytes, timeout.Token);
                    entry.Succeeded(await response.Content.ReadAsByteArrayAsync(timeout.Token), response.Content.Headers.ContentType);
                    return entry.Response(request);
                }

                entry.Failed("http_" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                entry.Failed("timeout");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                entry.Failed(e is HttpRequestException h && h.HttpRequestError != HttpRequestError.Unknown ? h.HttpRequestError.ToString() : e.GetType().Name);
            }

            return entry.Response(request);
        }

        private sealed class Entry
        {
            private readonly Lock gate = new();
            private byte[]? document;
            private MediaTypeHeaderValue? contentType;
            private DateTimeOffset? fetchedAt;
            private DateTimeOffset retryAt;
            private int failures;
            private string? lastFailure;

            public bool InBackOff
            {
                get
                {
                    lock (gate)
                    {
                        return failures > 0 && DateTimeOffset.UtcNow < retryAt;
                    }
                }
            }

            public OpenIdMetadataState State
            {
                get
                {
                    lock (gate)
                    {
                        return new OpenIdMetadataState(document is not null, document is not null && failures > 0, fetchedAt, lastFailure);
                    }
                }
            }

            public void Succeeded(byte[] body, MediaTypeHeaderValue? type)
            {
                lock (gate)
                {
                    (document, contentType, fetchedAt, failures, lastFailure) = (body, type, DateTimeOffset.UtcNow, 0, null);
                }
            }

            public void Failed(string reason)
            {
                lock (gate)
                {
                    failures++;
                    lastFailure = reason;
                    var backOff = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, FirstBackOff.Ticks << Math.Min(failures - 1, 16)));
                    retryAt = DateTimeOffset.UtcNow + backOff;
                }
            }

            /// <summary>The last good document, or 503 when there is none.</summary>
            public HttpResponseMessage Response(HttpRequestMessage request)
            {
                lock (gate)
                {
                    if (document is null)
                    {
                        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, ReasonPhrase = "Metadata unavailable" };
                    }

                    var content = new ByteArrayContent(document);
                    content.Headers.ContentType = contentType;
                    return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content };
                }
            }
        }
    }
}
