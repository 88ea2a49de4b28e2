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

        // Hashed from the stack (or a pooled buffer for a long draft): no copy of the draft's bytes is left behind.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(draft.Length);
        byte[]? rented = null;
        var utf8 = maxBytes <= 1024 ? stackalloc byte[1024] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(draft, utf8);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], digest);
            return Convert.ToHexStringLower(digest[..(HashLength / 2)]);
        }
        finally
        {
            if (rented is not null)
            {
                CryptographicOperations.ZeroMemory(rented);
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
