using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CommsBot.Bot.Tests.Hosting;

/// <summary>
/// Microsoft's Bot Framework token metadata on loopback: an OpenID configuration and its signing keys (one RSA key,
/// endorsed for msteams), or, as a dead endpoint, answers that never come. Issues tokens as the Bot Framework
/// channel service would (issuer https://api.botframework.com), signed with its key or forged.
/// </summary>
internal sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string KeyId = "fake-channel-key";

    private readonly WebApplication app;
    private readonly RSA rsa = RSA.Create(2048);
    private int requests;

    private FakeOpenIdProvider(WebApplication app) => this.app = app;

    /// <summary>True: every request is held until the provider stops (a hung endpoint).</summary>
    public bool Hang { get; init; }

    public int Requests => Volatile.Read(ref requests);

    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";

    public string EmulatorMetadataUrl => BaseUrl + "/emulator/.well-known/openid-configuration";

    public static async Task<FakeOpenIdProvider> StartAsync(bool hang = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // IdentityModel fetches metadata over https only; the bot does not check certificates on loopback.
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.UseHttps(SelfSignedCertificate())));
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var provider = new FakeOpenIdProvider(builder.Build()) { Hang = hang };
        provider.app.MapGet("/{kind}/.well-known/{name}", (string kind, HttpContext http) => provider.AnswerAsync(http, () => Results.Json(new
        {
            issuer = ChannelIssuer,
            jwks_uri = provider.BaseUrl + "/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        })));
        provider.app.MapGet("/keys", (HttpRequest request) => provider.AnswerAsync(request.HttpContext, () =>
        {
            var parameters = provider.rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent), endorsements = new[] { "msteams" } },
                },
            });
        }));
        await provider.app.StartAsync();
        return provider;
    }

    /// <summary>A URL on loopback where nothing listens (connection refused).</summary>
    public static string UnreachableUrl(string path) => $"https://127.0.0.1:{BotProcess.FreePort()}/{path}";

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    /// <summary>A channel token signed with this provider's key.</summary>
    public string ChannelToken(string appId, string serviceUrl, TimeSpan? expiresIn = null) =>
        Sign(appId, serviceUrl, new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256), expiresIn ?? TimeSpan.FromHours(1));

    /// <summary>Forged channel tokens: unsigned (alg none), HMAC-signed with a guessed secret, signed by another
    /// key, and expired.</summary>
    public static IEnumerable<string> ForgedChannelTokens(string appId, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var claims = $$"""{"iss":"{{ChannelIssuer}}","aud":"{{appId}}","serviceurl":"{{serviceUrl}}","nbf":{{now - 60}},"exp":{{now + 3600}}}""";
        yield return $"{B64("""{"alg":"none","typ":"JWT"}""")}.{B64(claims)}.";
        yield return Sign(appId, serviceUrl, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a guessed shared secret of 32 bytes!")), SecurityAlgorithms.HmacSha256), TimeSpan.FromHours(1));
        using var other = RSA.Create(2048);
        yield return Sign(appId, serviceUrl, new SigningCredentials(new RsaSecurityKey(other) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256), TimeSpan.FromHours(1));
        yield return Sign(appId, serviceUrl, new SigningCredentials(new RsaSecurityKey(other) { KeyId = "unknown-key" }, SecurityAlgorithms.RsaSha256), TimeSpan.FromHours(1));
        yield return Sign(appId, serviceUrl, new SigningCredentials(new RsaSecurityKey(other) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256), TimeSpan.FromHours(-2));
    }

    private static string Sign(string appId, string serviceUrl, SigningCredentials credentials, TimeSpan expiresIn)
    {
        var now = DateTime.UtcNow;
        var notBefore = expiresIn > TimeSpan.Zero ? now.AddMinutes(-1) : now + expiresIn - TimeSpan.FromHours(1);
        var token = new JwtSecurityToken(
            issuer: ChannelIssuer,
            audience: appId,
            claims: [new Claim("serviceurl", serviceUrl)],
            notBefore: notBefore,
            expires: now + expiresIn,
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private async Task<IResult> AnswerAsync(HttpContext http, Func<IResult> answer)
    {
        Interlocked.Increment(ref requests);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return answer();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        rsa.Dispose();
    }
}
