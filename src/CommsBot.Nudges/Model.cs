using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommsBot.Nudges;

/// <summary>What a colleague did: the <c>what</c> of <c>kudos @colleague &lt;what&gt; &lt;link&gt;</c>.</summary>
public enum AccomplishmentKind
{
    /// <summary>A paper or other publication.</summary>
    Publication,

    /// <summary>A talk, poster or invited lecture.</summary>
    Talk,

    /// <summary>An award or honour.</summary>
    Award,

    /// <summary>A grant or other funding.</summary>
    Grant,

    /// <summary>Anything else worth celebrating.</summary>
    Other,
}

/// <summary>Whether the colleague agreed to be promoted publicly. Only <see cref="Granted"/> items are ever offered.</summary>
public enum ConsentState
{
    /// <summary>Asked (or about to be asked), no answer yet.</summary>
    Pending,

    /// <summary>The colleague said yes.</summary>
    Granted,

    /// <summary>The colleague said no.</summary>
    Declined,
}

/// <summary>A meeting's rule on photos of talks and posters.</summary>
public enum PhotoPolicy
{
    /// <summary>Photos may be shared.</summary>
    Allowed,

    /// <summary>Photos for personal use only: do not post them.</summary>
    PersonalUseOnly,

    /// <summary>No photos of slides or posters.</summary>
    NoSlides,
}

/// <summary>The kinds of nudge; the wire name is part of each outbox row's unique key.</summary>
public enum NudgeKind
{
    /// <summary>New, consented accomplishments of colleagues, with "Draft a post".</summary>
    ColleaguePromotion,

    /// <summary>"Sharing takeaways from #HASHTAG today?" on each day of a meeting.</summary>
    ConferenceHighlight,

    /// <summary>The one DM asking a colleague whether they are happy to be promoted.</summary>
    ConsentRequest,
}

/// <summary>An accomplishment as the nudges see it: ids, names and links, no chat text.</summary>
/// <param name="Id">The registry id (shown in <c>kudos list</c>, used by <c>kudos remove</c>).</param>
/// <param name="ColleagueName">How to name the colleague in a post.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Title">Its title, possibly empty.</param>
/// <param name="Link">Where to read about it.</param>
/// <param name="CoAuthors">Co-authors or co-recipients to credit.</param>
public sealed record Accomplishment(long Id, string ColleagueName, AccomplishmentKind Kind, string Title, Uri Link, IReadOnlyList<string> CoAuthors);

/// <summary>A meeting in the conference calendar.</summary>
/// <param name="Id">A short id (slug), unique in the calendar.</param>
/// <param name="Name">Its name.</param>
/// <param name="Start">Its first day, in its own time zone.</param>
/// <param name="End">Its last day, in its own time zone.</param>
/// <param name="TimeZoneId">The IANA id of where it is held.</param>
/// <param name="Hashtag">The official hashtag, with its <c>#</c>.</param>
/// <param name="Photos">The photo policy.</param>
/// <param name="Embargo">The embargo note, possibly empty.</param>
/// <param name="Link">The meeting's page, if any.</param>
public sealed record Conference(
    string Id,
    string Name,
    DateOnly Start,
    DateOnly End,
    string TimeZoneId,
    string Hashtag,
    PhotoPolicy Photos,
    string Embargo,
    Uri? Link);

/// <summary>Wire names of the enums (commands, YAML, card data, outbox keys).</summary>
public static class NudgeNames
{
    /// <summary>The accepted <c>what</c> words.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["publication", "talk", "award", "grant", "other"];

    /// <summary>The accepted photo policies.</summary>
    public static IReadOnlyList<string> PhotoPolicies { get; } = ["allowed", "personal-use-only", "no-slides"];

    /// <summary>The wire name of a kind.</summary>
    public static string ToWire(this AccomplishmentKind kind) => NudgeWireName<AccomplishmentKind>.Of(kind);

    /// <summary>The wire name of a photo policy.</summary>
    public static string ToWire(this PhotoPolicy policy) => NudgeWireName<PhotoPolicy>.Of(policy);

    /// <summary>The wire name of a nudge kind.</summary>
    public static string ToWire(this NudgeKind kind) => NudgeWireName<NudgeKind>.Of(kind);

    /// <summary>The wire name of a consent state.</summary>
    public static string ToWire(this ConsentState state) => NudgeWireName<ConsentState>.Of(state);

    /// <summary>Parses a kind (<c>paper</c> and <c>pub</c> are publications, <c>lecture</c> a talk).</summary>
    public static bool TryParseKind(string? text, out AccomplishmentKind kind)
    {
        kind = AccomplishmentKind.Other;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "publication" or "paper" or "pub" or "article":
                kind = AccomplishmentKind.Publication;
                return true;
            case "talk" or "lecture" or "presentation" or "poster":
                kind = AccomplishmentKind.Talk;
                return true;
            case "award" or "prize" or "honor" or "honour":
                kind = AccomplishmentKind.Award;
                return true;
            case "grant" or "funding":
                kind = AccomplishmentKind.Grant;
                return true;
            case "other":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses a photo policy.</summary>
    public static bool TryParsePhotoPolicy(string? text, out PhotoPolicy policy)
    {
        var index = PhotoPolicies.ToList().IndexOf(text?.Trim().ToLowerInvariant() ?? "");
        policy = index < 0 ? PhotoPolicy.Allowed : (PhotoPolicy)index;
        return index >= 0;
    }

    /// <summary>Parses a consent state's wire name.</summary>
    public static ConsentState ParseConsent(string? text) => text switch
    {
        "granted" => ConsentState.Granted,
        "declined" => ConsentState.Declined,
        _ => ConsentState.Pending,
    };

    /// <summary>A sentence on a photo policy, for cards and reminders.</summary>
    public static string Describe(this PhotoPolicy policy) => policy switch
    {
        PhotoPolicy.PersonalUseOnly => "Photos are for personal use only: don't post pictures of talks or posters.",
        PhotoPolicy.NoSlides => "No photos of slides or posters: share your own words instead.",
        _ => "Photos are allowed: credit the speaker and check slides carry no patient details.",
    };
}

/// <summary>The wire names of one enum: kebab-case, written once by <see cref="JsonStringEnumConverter"/> and kept
/// (the same policy as the guidelines' <c>WireNames</c>).</summary>
internal static class NudgeWireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) } };

    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .ToDictionary(v => v, v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, Options))!);

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : Names[default];
}
