using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CommsBot.Bot.Tests.Web;

/// <summary>Requests to /api/evaluate and reading their answers.</summary>
internal static class ApiClient
{
    public const string Route = "/api/evaluate";

    public const string PromoDraft = "Swipe up to save 20% with code DOCTOR";

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonObject body) => Json(body.ToJsonString());

    public static StringContent Draft(string text, string? account = null, string? platform = null)
    {
        var body = new JsonObject { ["text"] = text };
        if (account is not null)
        {
            body["account"] = account;
        }

        if (platform is not null)
        {
            body["platform"] = platform;
        }

        return Json(body);
    }

    public static async Task<HttpResponseMessage> EvaluateAsync(this HttpClient client, HttpContent content, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
