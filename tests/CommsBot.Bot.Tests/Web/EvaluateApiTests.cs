using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommsBot.Bot.Tests.Hosting;

namespace CommsBot.Bot.Tests.Web;

public sealed class EvaluateApiTests(SharedBotHost shared) : IClassFixture<SharedBotHost>
{
    [Fact]
    public async Task Evaluate_PromoDraft_ReturnsTheFindingRevisedTextCardAndBlocks()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft, "personal", "instagram"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.ContentType()?.MediaType);
        var body = await response.ReadObjectAsync();
        Assert.Equal("do-not-post", (string?)body["verdict"]);
        var finding = body["findings"]!.AsArray().Single()!.AsObject();
        Assert.Equal("undisclosed-partnership", (string?)finding["rule"]);
        Assert.Equal("blocker", (string?)finding["severity"]);
        Assert.Equal("issue", (string?)finding["category"]);
        Assert.Equal(0, (int)finding["start"]!);
        Assert.Equal(ApiClient.PromoDraft.Length, (int)finding["length"]!);
        foreach (var field in new[] { "title", "message", "rationale", "source" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)finding[field]), field);
        }

        var edit = finding["fix"]!["edits"]!.AsArray().Single()!;
        Assert.False(string.IsNullOrWhiteSpace((string?)finding["fix"]!["title"]));
        Assert.Equal((0, 0, "#ad "), ((int)edit["start"]!, (int)edit["length"]!, (string?)edit["text"]));
        Assert.Equal("#ad " + ApiClient.PromoDraft, (string?)body["revisedText"]);

        // The card is the Adaptive Card itself (an object, not a string), as the bot sends it; blocks are Slack's.
        var card = Assert.IsType<JsonObject>(body["card"]);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Contains("undisclosed-partnership", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Do not post", card.ToJsonString(), StringComparison.Ordinal);
        var blocks = Assert.IsType<JsonArray>(body["blocks"]);
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Contains("undisclosed-partnership", blocks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_CardAndBlocks_AreWhatTheBotSendsForTheSameDraft()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var api = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft));
        using var bot = await client.PostAsync("/api/messages", Activities.Json(Activities.PersonalMessage(ApiClient.PromoDraft)));

        var botCard = Newtonsoft.Json.Linq.JObject.Parse(await bot.Content.ReadAsStringAsync())["activities"]![0]!["attachments"]![0]!["content"]!;
        var apiCard = (await api.ReadObjectAsync())["card"]!;
        Assert.True(
            Newtonsoft.Json.Linq.JToken.DeepEquals(botCard, Newtonsoft.Json.Linq.JToken.Parse(apiCard.ToJsonString())),
            "The API's card differs from the one the bot sends in Teams.");
    }

    [Fact]
    public async Task Evaluate_Answer_HasTheFieldsInTheOrderTheOpenApiDocumentDescribes()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(ApiClient.PromoDraft, "personal", "instagram"));
        var body = await response.ReadObjectAsync();
        var schemas = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        // The answer is written by the shared ReviewJson projection; the records document it. Names and order agree.
        static IEnumerable<string> Described(JsonNode schemas, string name) => schemas[name]!["properties"]!.AsObject().Select(p => p.Key);
        var finding = body["findings"]!.AsArray().Single()!.AsObject();
        var edit = finding["fix"]!["edits"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["verdict", "findings", "revisedText", "card", "blocks"], body.Select(p => p.Key));
        // "notices" is written only when there is one (a draft not in English)
        Assert.Equal(Described(schemas, "EvaluateResponse").Where(k => k != "notices"), body.Select(p => p.Key));
        Assert.Equal(["rule", "title", "severity", "category", "start", "length", "message", "rationale", "source", "fix"], finding.Select(p => p.Key));
        Assert.Equal(Described(schemas, "EvaluatedFinding"), finding.Select(p => p.Key));
        Assert.Equal(Described(schemas, "EvaluatedFix"), finding["fix"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Described(schemas, "EvaluatedEdit"), edit.Select(p => p.Key));
    }

    [Fact]
    public async Task Evaluate_DraftInSpanish_AnswerCarriesTheNoticeWhereTheDocumentSaysAndTheCardShowsIt()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft("Hoy en la guardia atendimos a una paciente de 34 años con preeclampsia grave en la sala 3, y el equipo de enfermería estuvo increíble. Gracias a todas por su trabajo."));
        var body = await response.ReadObjectAsync();
        var schemas = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(schemas["EvaluateResponse"]!["properties"]!.AsObject().Select(p => p.Key), body.Select(p => p.Key));
        var notice = Assert.Single(body["notices"]!.AsArray())!.GetValue<string>();
        Assert.Contains("Spanish", notice, StringComparison.Ordinal);
        Assert.Contains("Spanish", body["card"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Spanish", body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_AccountAndPlatform_AreParsedLikeTheBot()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Json("""{"Text": "Swipe up to save 20% with code DOCTOR", "ACCOUNT": "Personal", "platform": "IG"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = (await response.ReadObjectAsync())["card"]!.ToJsonString();
        Assert.Contains("\"value\":\"personal\"", card, StringComparison.Ordinal); // the card's account picker
    }

    [Fact]
    public async Task Evaluate_ReadyDraft_HasNoIssuesAndRevisedTextUnchanged()
    {
        const string draft = "Wash your hands: it is the cheapest infection control there is.";
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(draft, "professional"));

        var body = await response.ReadObjectAsync();
        Assert.Equal("ready", (string?)body["verdict"]);
        Assert.DoesNotContain(body["findings"]!.AsArray(), f => (string?)f!["category"] == "issue");
        Assert.Equal(draft, (string?)body["revisedText"]);
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // body, the field the error is about ("" for a plain problem), a phrase of the message
        { "{}", "text", "'text' is required" },
        { """{"text": null}""", "text", "'text' is required" },
        { """{"text": ""}""", "text", "The draft is empty" },
        { """{"text": "   \n\t"}""", "text", "The draft is empty" },
        { """{"text": 42}""", "text", "'text' must be a string" },
        { """{"text": ["CANARY"]}""", "text", "'text' must be a string" },
        { """{"text": "CANARY", "text": "CANARY"}""", "text", "appears more than once" },
        { """{"text": "CANARY", "account": "celebrity"}""", "account", "Unknown account. Use one of: professional, personal, unknown." },
        { """{"text": "CANARY", "account": 1}""", "account", "'account' must be a string" },
        { """{"text": "CANARY", "platform": "myspace"}""", "platform", "Unknown platform. Use one of: x, linkedin" },
        { """["CANARY"]""", "$", "must be a JSON object" },
        { "\"CANARY\"", "$", "must be a JSON object" },
        { """{"text": "CANARY""", "", "not valid JSON" },
        { """{"text": 'CANARY'}""", "", "not valid JSON" },
        { "CANARY", "", "not valid JSON" },
        { "", "", "The request body is empty" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Evaluate_BadBody_Returns400ProblemNamingTheFieldWithoutTheDraft(string json, string field, string phrase)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(raw)!.AsObject();
        Assert.Equal(400, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        if (field.Length > 0)
        {
            var messages = problem["errors"]![field]!.AsArray().Select(m => (string?)m).ToList();
            Assert.Contains(messages, m => m!.Contains(phrase, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(phrase, (string?)problem["title"] + " " + (string?)problem["detail"], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("CANARY", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_DraftOverTheLimit_Returns400WithTheLimitNotTheDraft()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Guidelines:MaxDraftLength"] = "100" });
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Draft(string.Concat(Enumerable.Repeat("CANARY ", 20))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("140 characters long; the limit is 100", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Evaluate_NotJson_Returns415Problem(string? contentType)
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"text": "CANARY"}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = new(contentType);
        }

        using var response = await client.EvaluateAsync(content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        Assert.Contains("application/json", (string?)(await response.ReadObjectAsync())["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Evaluate_BodyOverTheLimit_Returns413Problem(bool declaresLength)
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        using var client = sut.CreateClient();
        var json = Encoding.UTF8.GetBytes($$"""{"text": "{{new string('a', 3000)}}"}""");
        HttpContent content = declaresLength ? new ByteArrayContent(json) : new StreamContent(new UnknownLengthStream(json));
        content.Headers.ContentType = new("application/json");

        using var response = await client.EvaluateAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        Assert.Contains("2,048 bytes", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BodyJustUnderTheLimit_IsAccepted()
    {
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        using var client = sut.CreateClient();

        using var response = await client.EvaluateAsync(ApiClient.Json($$"""{"text": "{{new string('a', 2000)}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_Get_IsNotAllowed()
    {
        var sut = shared.Factory;
        using var client = sut.CreateClient();

        using var response = await client.GetAsync(ApiClient.Route);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_WithCanaryDrafts_NeverLogsThem()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N");
        await using var sut = new BotHostFactory(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "4096", ["Guidelines:MaxDraftLength"] = "500" });
        using var client = sut.CreateClient();

        using var ok = await client.EvaluateAsync(ApiClient.Draft($"Swipe up to save 20% with code {canary}", "personal"));
        using var badAccount = await client.EvaluateAsync(ApiClient.Draft(canary, "celebrity"));
        using var tooLong = await client.EvaluateAsync(ApiClient.Draft(string.Concat(Enumerable.Repeat(canary + " ", 30))));
        using var tooLarge = await client.EvaluateAsync(ApiClient.Draft(string.Concat(Enumerable.Repeat(canary + " ", 200))));
        using var malformed = await client.EvaluateAsync(ApiClient.Json("{\"text\": \"" + canary));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        var records = sut.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("Checked a draft", StringComparison.Ordinal) && r.Message.Contains("source api", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("API request rejected with 400", StringComparison.Ordinal));
        foreach (var record in records)
        {
            var everything = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() ?? "" }
                    .Concat(record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
            Assert.False(everything.Contains(canary, StringComparison.Ordinal), $"[{record.Category}] {record.Message}");
        }
    }

    /// <summary>A body sent without Content-Length (chunked).</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
