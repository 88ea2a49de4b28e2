using System.ComponentModel.DataAnnotations;

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

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

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
    }
}
