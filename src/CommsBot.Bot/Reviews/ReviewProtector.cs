using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CommsBot.Bot.Reviews;

/// <summary>Encrypts a review request's text (draft, note, comment, edited draft) before it is stored, with ASP.NET
/// Core Data Protection (AES-256-CBC and HMACSHA256 by default), under one purpose. The key ring lives in the bot's
/// database (<see cref="Storage.CommsBotDbContext.DataProtectionKeys"/>), so every instance can read what another
/// wrote, and nothing of it is in the repository.</summary>
public sealed class ReviewProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "CommsBot.Reviews.Text.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string? Protect(string? text) => string.IsNullOrEmpty(text) ? null : protector.Protect(text);

    /// <summary>The text, or null when there is none (purged) or it cannot be decrypted (its key is gone).</summary>
    public string? Unprotect(string? cipher)
    {
        if (string.IsNullOrEmpty(cipher))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(cipher);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
