using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommsBot.Guidelines;

/// <summary>
/// The kebab-case names that users, corpora and JSON output use for the enums
/// (<c>do-not-post</c>, <c>blocker</c>, <c>professional</c>, <c>linkedin</c>).
/// </summary>
public static class WireNames
{
    /// <summary>All account names, for help text.</summary>
    public static IReadOnlyList<string> Accounts { get; } = ["professional", "personal", "unknown"];

    /// <summary>All platform names, for help text.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["x", "linkedin", "instagram", "tiktok", "facebook", "bluesky", "threads", "unknown"];

    /// <summary>
    /// The converter that writes and reads the enums by their wire names: kebab-case (<c>DoNotPost</c> is
    /// <c>do-not-post</c>), or the name an enum member sets with <see cref="JsonStringEnumMemberNameAttribute"/>.
    /// </summary>
    public static JsonStringEnumConverter Converter { get; } = new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    /// <summary>The wire name of a severity.</summary>
    public static string ToWire(this Severity severity) => WireName<Severity>.Of(severity);

    /// <summary>The wire name of a verdict.</summary>
    public static string ToWire(this Verdict verdict) => WireName<Verdict>.Of(verdict);

    /// <summary>The wire name of an account kind.</summary>
    public static string ToWire(this AccountKind account) => WireName<AccountKind>.Of(account);

    /// <summary>The wire name of a platform.</summary>
    public static string ToWire(this Platform platform) => WireName<Platform>.Of(platform);

    /// <summary>The wire name of a rule category.</summary>
    public static string ToWire(this RuleCategory category) => WireName<RuleCategory>.Of(category);

    /// <summary>Parses a severity name (case-insensitive).</summary>
    public static bool TryParseSeverity(string? value, out Severity severity)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "blocker": severity = Severity.Blocker; return true;
            case "warning": severity = Severity.Warning; return true;
            case "suggestion": severity = Severity.Suggestion; return true;
            case "praise": severity = Severity.Praise; return true;
            default: severity = default; return false;
        }
    }

    /// <summary>Parses a verdict name (case-insensitive).</summary>
    public static bool TryParseVerdict(string? value, out Verdict verdict)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "do-not-post": verdict = Verdict.DoNotPost; return true;
            case "revise": verdict = Verdict.Revise; return true;
            case "ready": verdict = Verdict.Ready; return true;
            default: verdict = default; return false;
        }
    }

    /// <summary>Parses an account name (case-insensitive); null or empty is <see cref="AccountKind.Unknown"/>.</summary>
    public static bool TryParseAccount(string? value, out AccountKind account)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "unknown": account = AccountKind.Unknown; return true;
            case "professional" or "pro" or "work": account = AccountKind.Professional; return true;
            case "personal" or "private": account = AccountKind.Personal; return true;
            default: account = default; return false;
        }
    }

    /// <summary>Parses a platform name (case-insensitive); null or empty is <see cref="Platform.Unknown"/>.</summary>
    public static bool TryParsePlatform(string? value, out Platform platform)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "unknown": platform = Platform.Unknown; return true;
            case "x" or "twitter": platform = Platform.X; return true;
            case "linkedin": platform = Platform.LinkedIn; return true;
            case "instagram" or "ig": platform = Platform.Instagram; return true;
            case "tiktok": platform = Platform.TikTok; return true;
            case "facebook" or "fb": platform = Platform.Facebook; return true;
            case "bluesky" or "bsky": platform = Platform.Bluesky; return true;
            case "threads": platform = Platform.Threads; return true;
            default: platform = default; return false;
        }
    }

    /// <summary>The verdict a worst severity leads to.</summary>
    public static Verdict VerdictFor(Severity? worst) => worst switch
    {
        Severity.Blocker => Verdict.DoNotPost,
        Severity.Warning => Verdict.Revise,
        _ => Verdict.Ready,
    };

    /// <summary>Parses a value or throws an <see cref="ArgumentException"/> naming the accepted values.</summary>
    public static AccountKind ParseAccount(string? value) =>
        TryParseAccount(value, out var a) ? a : throw new ArgumentException($"Unknown account '{value}'. Use one of: {string.Join(", ", Accounts)}.", nameof(value));

    /// <summary>Parses a value or throws an <see cref="ArgumentException"/> naming the accepted values.</summary>
    public static Platform ParsePlatform(string? value) =>
        TryParsePlatform(value, out var p) ? p : throw new ArgumentException($"Unknown platform '{value}'. Use one of: {string.Join(", ", Platforms)}.", nameof(value));
}

/// <summary>The wire names of one enum, written once by <see cref="WireNames.Converter"/> and kept.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal static class WireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { WireNames.Converter } };

    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .ToDictionary(v => v, v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, Options))!);

    /// <summary>The wire name of <paramref name="value"/>; a value the enum does not define is its default's name.</summary>
    public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : Names[default];
}
