using System.Security.Cryptography;
using System.Text;

namespace CommsBot.Cards;

/// <summary>Helpers for the data that card actions carry.</summary>
public static class CardActionData
{
    /// <summary>Hex digits kept from the SHA-256 (64 bits: enough to group reports, too few to be a fingerprint index).</summary>
    public const int HashLength = 16;

    /// <summary>
    /// The first <see cref="HashLength"/> lowercase hex digits of the SHA-256 of the draft's UTF-8 bytes: identifies
    /// the draft in a false-positive report without carrying it.
    /// </summary>
    public static string Hash(string draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draft)))[..HashLength];
    }
}
