using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommsBot.Bot.Hosting;
using CommsBot.Bot.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommsBot.Bot.Tests.Reviews;

/// <summary>
/// The key ring encrypted at rest with a certificate (Review:KeyRingCertificate): the keys in the database are XML
/// encryption, not the raw master key; another instance with the certificate reads what the first protected, one
/// without it cannot; a rotated-out certificate listed in KeyRingPreviousCertificates still reads old keys; a bad
/// file stops start-up with a message naming the setting.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Password = "test-only-pfx-password";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "commsbot-keyring-tests", Guid.NewGuid().ToString("N"));

    public KeyRingProtectionTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task WithACertificate_KeysAreStoredEncrypted_AndOnlyAnInstanceWithTheCertificateReadsThem()
    {
        var pfx = WritePfx("current");
        var data = Path.Combine(directory, "data");
        string protectedText;
        await using (var first = await BotAsync(data, pfx))
        {
            protectedText = Protector(first).Protect("Canary draft text");
            var xml = await KeyXmlAsync(first);
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        await using (var second = await BotAsync(data, pfx))
        {
            Assert.Equal("Canary draft text", Protector(second).Unprotect(protectedText));
        }

        await using var withoutCertificate = await BotAsync(data, null);
        Assert.ThrowsAny<CryptographicException>(() => Protector(withoutCertificate).Unprotect(protectedText));
    }

    [Fact]
    public async Task WithoutACertificate_KeysAreStoredAsBefore()
    {
        await using var bot = await BotAsync(Path.Combine(directory, "plain"), null);
        Protector(bot).Protect("x");
        Assert.Contains("<masterKey", await KeyXmlAsync(bot), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterARotation_KeysOfThePreviousCertificateAreStillRead()
    {
        var old = WritePfx("old");
        var data = Path.Combine(directory, "rotated");
        string protectedText;
        await using (var before = await BotAsync(data, old))
        {
            protectedText = Protector(before).Protect("written before the rotation");
        }

        var current = WritePfx("new");
        await using var after = await BotAsync(data, current, new() { ["Review:KeyRingPreviousCertificates:0"] = old });
        Assert.Equal("written before the rotation", Protector(after).Unprotect(protectedText));
    }

    [Fact]
    public async Task ABadCertificateFile_StopsStartUpWithAMessageNamingTheSetting()
    {
        var missing = Path.Combine(directory, "missing.pfx");
        var e = await Assert.ThrowsAsync<CommsBotStartupException>(() => BotAsync(directory, missing));
        Assert.Equal($"Review:KeyRingCertificate: cannot read '{missing}' (no such file).", e.Message);

        var pfx = WritePfx("current");
        e = await Assert.ThrowsAsync<CommsBotStartupException>(() => BotAsync(directory, pfx, new() { ["Review:KeyRingCertificatePassword"] = "wrong" }));
        Assert.Equal($"Review:KeyRingCertificate: '{pfx}' is not a PKCS#12 (.pfx) file that Review:KeyRingCertificatePassword opens.", e.Message);

        var publicOnly = Path.Combine(directory, "public-only.pfx");
        using (var full = X509CertificateLoader.LoadPkcs12FromFile(pfx, Password))
        using (var certificateOnly = X509CertificateLoader.LoadCertificate(full.Export(X509ContentType.Cert)))
        {
            await File.WriteAllBytesAsync(publicOnly, certificateOnly.Export(X509ContentType.Pkcs12, Password));
        }

        e = await Assert.ThrowsAsync<CommsBotStartupException>(() => BotAsync(directory, publicOnly));
        Assert.Equal($"Review:KeyRingCertificate: '{publicOnly}' holds no RSA private key (the key ring is encrypted with RSA).", e.Message);
    }

    private static IDataProtector Protector(TestBot bot) =>
        bot.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("CommsBot.Tests.KeyRing");

    private static async Task<string> KeyXmlAsync(TestBot bot)
    {
        await using var db = await bot.Services.GetRequiredService<IDbContextFactory<CommsBotDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        return string.Join("\n", Assert.Single(keys));
    }

    private static Task<TestBot> BotAsync(string dataDirectory, string? certificate, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Review:KeyRingCertificate"] = certificate,
            ["Review:KeyRingCertificatePassword"] = Password,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return TestBot.CreateAsync(settings);
    }

    private string WritePfx(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=CommsBot key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
