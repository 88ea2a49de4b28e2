using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommsBot.Guidelines;

namespace CommsBot.Guidelines.Tests.Model;

/// <summary>The one Review -> JSON projection: the CLI, the JSON-lines runner and the REST API each pick a shape by
/// options, so these pin every field's name and place.</summary>
public class ReviewJsonTests
{
    private const string Draft = "Swipe up, code \"DOC\"";

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Write_Defaults_AreTheCheckCommandsShape()
    {
        var json = Write(w => ReviewJson.Write(w, Sample()));

        Assert.Equal(
            """{"verdict":"do-not-post","findings":[""" +
            """{"rule":"undisclosed-partnership","severity":"blocker","start":0,"length":9,"title":"Promotion without a disclosure","message":"Say it is an ad.","fix":{"title":"Add #ad","edits":[{"start":0,"length":0,"text":"#ad "}]}},""" +
            """{"rule":"share-evidence","severity":"suggestion","start":15,"length":5,"title":"Cite \"the\" source","message":"Link the study.","fix":{"title":"Link it","edits":[]}}""" +
            """],"revisedText":"#ad Swipe up, code \"DOC\""}""",
            json);
    }

    [Fact]
    public void Write_RuleDetailsWithTitleAfterRule_IsTheApisShape()
    {
        var options = new ReviewJsonOptions { Title = FindingTitlePlacement.AfterRule, RuleDetails = true };

        using var document = JsonDocument.Parse(Write(w => ReviewJson.Write(w, Sample(), options)));

        var root = document.RootElement;
        Assert.Equal(["verdict", "findings", "revisedText"], root.EnumerateObject().Select(p => p.Name));
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(
            ["rule", "title", "severity", "category", "start", "length", "message", "rationale", "source", "fix"],
            findings[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["issue", "opportunity"], findings.Select(f => f.GetProperty("category").GetString()));
        Assert.Equal("FTC", findings[0].GetProperty("source").GetString());
        Assert.Equal("Readers must know.", findings[0].GetProperty("rationale").GetString());
        Assert.Equal(["title", "edits"], findings[0].GetProperty("fix").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void WriteProperties_FixAsTitleWithoutTitleOrRevisedText_IsTheJsonLinesShapeInsideTheCallersObject()
    {
        var options = new ReviewJsonOptions { Title = FindingTitlePlacement.None, Fix = FixShape.TitleOnly, RevisedText = false };

        var json = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", "a-1");
            ReviewJson.WriteProperties(w, Sample(), options);
            w.WriteEndObject();
        });

        Assert.Equal(
            """{"id":"a-1","verdict":"do-not-post","findings":[""" +
            """{"rule":"undisclosed-partnership","severity":"blocker","start":0,"length":9,"message":"Say it is an ad.","fix":"Add #ad"},""" +
            """{"rule":"share-evidence","severity":"suggestion","start":15,"length":5,"message":"Link the study.","fix":"Link it"}]}""",
            json);
    }

    [Fact]
    public void Write_EnumNames_AreTheConvertersWireNames()
    {
        var options = new JsonSerializerOptions { Converters = { WireNames.Converter } };
        var review = Sample();

        using var document = JsonDocument.Parse(Write(w => ReviewJson.Write(w, review, new ReviewJsonOptions { RuleDetails = true })));

        Assert.Equal(JsonSerializer.Serialize(review.Verdict, options), document.RootElement.GetProperty("verdict").GetRawText());
        var finding = document.RootElement.GetProperty("findings")[0];
        Assert.Equal(JsonSerializer.Serialize(review.Findings[0].Severity, options), finding.GetProperty("severity").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(review.Findings[0].Rule.Category, options), finding.GetProperty("category").GetRawText());
    }

    [Fact]
    public void Write_NoFindings_WritesAnEmptyArray()
    {
        var json = Write(w => ReviewJson.Write(w, new Review(Verdict.Ready, [], Draft, DraftContext.Default)));

        Assert.Equal("""{"verdict":"ready","findings":[],"revisedText":"Swipe up, code \"DOC\""}""", json);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Relaxed))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Review Sample()
    {
        var disclosure = Rule("undisclosed-partnership", "Promotion without a disclosure", RuleCategory.Issue, Severity.Blocker, "Say it is an ad.", "Readers must know.", "FTC");
        var evidence = Rule("share-evidence", "Cite \"the\" source", RuleCategory.Opportunity, Severity.Suggestion, "Link the study.", "Trust.", "AMA");
        return new Review(
            Verdict.DoNotPost,
            [
                new ReviewedFinding(Finding(disclosure, new TextSpan(0, 9)), disclosure, new SuggestedFix("Add #ad", [new TextEdit(new TextSpan(0, 0), "#ad ")])),
                new ReviewedFinding(Finding(evidence, new TextSpan(15, 5)), evidence, SuggestedFix.Advice("Link it")),
            ],
            "#ad " + Draft,
            new DraftContext(AccountKind.Personal, Platform.Instagram));
    }

    private static Finding Finding(GuidelineRule rule, TextSpan span) => new(rule.Id, rule.Severity, span, new Dictionary<string, string>());

    private static GuidelineRule Rule(string id, string title, RuleCategory category, Severity severity, string message, string rationale, string source) => new()
    {
        Id = id,
        Title = title,
        Category = category,
        Severity = severity,
        Message = message,
        Rationale = rationale,
        Source = source,
        FixAdvice = "Advice.",
    };
}
