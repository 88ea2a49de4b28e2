using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Web;

/// <summary>
/// The configured API keys, held as SHA-256 hashes. A presented key is hashed and compared with every configured
/// hash in constant time, so neither a key's content nor its length shows in the response time, and every key is
/// tried whichever matches.
/// </summary>
public sealed class ApiKeys
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] hashes;

    public ApiKeys(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        hashes = (options.Value.Keys ?? []).Select(Hash).ToArray();
    }

    /// <summary>True when keys are configured: requests then need one.</summary>
    public bool Required => hashes.Length > 0;

    public int Count => hashes.Length;

    /// <summary>The position of the matching configured key (a partition for the rate limiter that is not the
    /// secret), or null when the key is missing or matches none.</summary>
    public int? Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || hashes.Length == 0)
        {
            return null;
        }

        var hash = Hash(presented);
        int? found = null;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, hashes[i]) && found is null)
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>The key sent with a request: the header's single value, else null.</summary>
    public static string? FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(Header, out var values) && values.Count == 1 ? values[0] : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
