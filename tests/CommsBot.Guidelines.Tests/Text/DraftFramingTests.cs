using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Text;

/// <summary>The draft inside a chat request is what the rules read; spans still point into the message as sent.</summary>
public class DraftFramingTests
{
    private static readonly GuidelineEvaluator Sut = new(RulePack.LoadDefault());

    [Fact]
    public void Evaluate_ReplyQuotedAfterARequest_FindsTheAdviceInsideTheQuote()
    {
        const string message = "can you check my reply before I send it? \"@dana_k stop the metformin for a week and double your lisinopril, you'll feel better\"";

        var evaluation = Sut.Evaluate(message);

        var finding = Assert.Single(evaluation.Findings, f => f.RuleId == "individual-medical-advice");
        var quoteStart = message.IndexOf('"', StringComparison.Ordinal);
        Assert.True(finding.Span.Start > quoteStart, $"the finding starts at {finding.Span.Start}, inside the quote after {quoteStart}");
        Assert.True(finding.Span.End <= message.Length);
    }

    [Fact]
    public void Evaluate_DraftForTheDepartmentAccount_ReadsItAsProfessional()
    {
        const string message = "Draft for the dept account:\nSo proud of my kids at their first swim meet this weekend! Family day at the lake after.";

        var framed = DraftFraming.Find(message);
        var evaluation = Sut.Evaluate(message);

        Assert.NotNull(framed);
        Assert.Equal(AccountKind.Professional, framed.Value.Account);
        Assert.Equal("So proud of my kids", message.Substring(framed.Value.Draft[0].Start, 19));
        Assert.Contains(evaluation.Findings, f => f.RuleId == "personal-content-public");
    }

    [Fact]
    public void Find_QuotedLines_AreTheDraft()
    {
        const string message = "is this ok to post?\n> 67F in bed 4 tonight, what a night\n> #nightshift";

        var framed = DraftFraming.Find(message);
        var evaluation = Sut.Evaluate(message);

        Assert.NotNull(framed);
        Assert.Equal(2, framed.Value.Draft.Count);
        Assert.Equal("67F in bed 4 tonight, what a night", message.Substring(framed.Value.Draft[0].Start, framed.Value.Draft[0].Length));
        var privacy = Assert.Single(evaluation.Findings, f => f.RuleId == "patient-privacy");
        Assert.All(privacy.Parts, p => Assert.DoesNotContain('>', message.Substring(p.Span.Start, p.Span.Length)));
        Assert.Contains(privacy.Parts, p => message.Substring(p.Span.Start, p.Span.Length) == "67F");
    }

    [Theory]
    [InlineData("Please check your blood pressure at home this week: most pharmacies will do it for free.")]
    [InlineData("Wash your hands. It is the cheapest infection control there is.")]
    [InlineData("New paper out today: \"Sepsis bundles in rural EDs\" by Dr. Ama Owusu and team!")]
    public void Find_APostThatIsNotARequest_IsReadWhole(string post) => Assert.Null(DraftFraming.Find(post));
}
