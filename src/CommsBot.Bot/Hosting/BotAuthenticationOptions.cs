using System.ComponentModel.DataAnnotations;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Hosting;

/// <summary>
/// The Bot Framework credentials, read from the top-level keys the Bot Framework tooling uses (so environment
/// variables such as <c>MicrosoftAppId</c> work as documented by Azure Bot Service). An empty app id is local mode:
/// no authentication, for the Agents Playground and tests.
/// </summary>
public sealed class BotAuthenticationOptions : IValidatableObject
{
    public string MicrosoftAppId { get; set; } = "";

    public string MicrosoftAppPassword { get; set; } = "";

    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>MultiTenant, SingleTenant or UserAssignedMSI.</summary>
    public string MicrosoftAppType { get; set; } = "MultiTenant";

    /// <summary>Where the OpenID configuration for Bot Framework channel tokens is read (the SDK's own setting name);
    /// empty for the public cloud's. For sovereign clouds, and for tests that stand in for Microsoft's endpoints.</summary>
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "";

    /// <summary>The same for Emulator and skill tokens; empty for the public cloud's.</summary>
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = "";

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    internal bool HasMetadataOverrides => !string.IsNullOrWhiteSpace(ToBotFromChannelOpenIdMetadataUrl) || !string.IsNullOrWhiteSpace(ToBotFromEmulatorOpenIdMetadataUrl);

    /// <summary>The channel tokens' metadata URL in effect.</summary>
    internal string ChannelMetadataUrl => string.IsNullOrWhiteSpace(ToBotFromChannelOpenIdMetadataUrl) ? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl : ToBotFromChannelOpenIdMetadataUrl;

    /// <summary>The Emulator and skill tokens' metadata URL in effect.</summary>
    internal string EmulatorMetadataUrl => string.IsNullOrWhiteSpace(ToBotFromEmulatorOpenIdMetadataUrl) ? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl : ToBotFromEmulatorOpenIdMetadataUrl;

    /// <summary>The settings the SDK's ConfigurationBotFrameworkAuthentication reads. With a metadata URL overridden
    /// the SDK takes its "parameterized" path, which needs every endpoint: the public cloud's fill the rest.</summary>
    internal Dictionary<string, string?> ToSdkSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [nameof(MicrosoftAppId)] = MicrosoftAppId,
            [nameof(MicrosoftAppPassword)] = MicrosoftAppPassword,
            [nameof(MicrosoftAppTenantId)] = MicrosoftAppTenantId,
            [nameof(MicrosoftAppType)] = MicrosoftAppType,
        };
        if (HasMetadataOverrides)
        {
            settings["ValidateAuthority"] = "true";
            settings["ToChannelFromBotLoginUrl"] = AuthenticationConstants.ToChannelFromBotLoginUrlTemplate;
            settings["ToChannelFromBotOAuthScope"] = AuthenticationConstants.ToChannelFromBotOAuthScope;
            settings["ToBotFromChannelTokenIssuer"] = AuthenticationConstants.ToBotFromChannelTokenIssuer;
            settings["OAuthUrl"] = AuthenticationConstants.OAuthUrl;
            settings[nameof(ToBotFromChannelOpenIdMetadataUrl)] = ChannelMetadataUrl;
            settings[nameof(ToBotFromEmulatorOpenIdMetadataUrl)] = EmulatorMetadataUrl;
            settings["CallerId"] = CallerIdConstants.PublicAzureChannel;
        }

        return settings;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] types = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];
        if (!types.Contains(MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"MicrosoftAppType must be one of {string.Join(", ", types)}.", [nameof(MicrosoftAppType)]);
        }

        if (!IsLocalMode && MicrosoftAppType.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new ValidationResult("MicrosoftAppTenantId is required for a SingleTenant bot.", [nameof(MicrosoftAppTenantId)]);
        }

        if (!IsLocalMode && !MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult("MicrosoftAppPassword is required when MicrosoftAppId is set (use an environment variable or user-secrets, never appsettings.json).", [nameof(MicrosoftAppPassword)]);
        }

        foreach (var (name, value) in new[] { (nameof(ToBotFromChannelOpenIdMetadataUrl), ToBotFromChannelOpenIdMetadataUrl), (nameof(ToBotFromEmulatorOpenIdMetadataUrl), ToBotFromEmulatorOpenIdMetadataUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value)
                && (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"{name} must be an https URL.", [name]);
            }
        }
    }
}
