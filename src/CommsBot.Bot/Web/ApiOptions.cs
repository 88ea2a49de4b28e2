using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CommsBot.Bot.Web;

/// <summary>The REST API and the preview page (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Keys that callers of /api/evaluate must send in <c>X-Api-Key</c>. Empty (the default): the API is
    /// open, for a local preview. Set them from a secret store or environment (<c>Api__Keys__0</c>), never in
    /// appsettings.json.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>The largest request body accepted by /api/evaluate, in bytes. The default fits the longest draft
    /// (10,000 characters) even if every character is JSON-escaped as <c>\uXXXX</c>.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 128 * 1024;

    /// <summary>Serve the preview page at <c>GET /</c>.</summary>
    public bool PreviewPage { get; set; } = true;

    /// <summary>Requests per client (API key, else remote address) and window.</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>A fixed window per client: at most <see cref="PermitLimit"/> requests each <see cref="Window"/>.</summary>
public sealed class ApiRateLimitOptions
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Checks what data annotations on the top level cannot: the rate limit's ranges, each key long enough to
/// resist guessing, and no duplicates.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        if (options.RateLimit is null)
        {
            errors.Add("Api:RateLimit is required.");
        }
        else if (!Validator.TryValidateObject(options.RateLimit, new ValidationContext(options.RateLimit), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"Api:RateLimit: {r.ErrorMessage}"));
        }

        var keys = options.Keys ?? [];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength || key.Any(char.IsWhiteSpace))
            {
                // The key itself is a secret: name its position only.
                errors.Add($"Api:Keys:{i} must be at least {MinKeyLength} characters with no white space.");
            }
        }

        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            errors.Add("Api:Keys has the same key more than once.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
