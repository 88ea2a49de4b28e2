using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Text;

public class DraftTextTests
{
    [Fact]
    public void Tokens_MixedDraft_SplitsWordsHashtagsMentionsAndEmoji()
    {
        var sut = new DraftText("Congrats @Dr.Sam_H! #ASCO25 🎉 don't stop");

        var words = sut.Tokens.ToArray().Select(t => sut.Lower.Substring(t.Start, t.Length)).ToList();

        Assert.Equal(["congrats", "@dr.sam_h", "#asco25", "🎉", "don't", "stop"], words);
        Assert.Equal(TokenKind.Mention, sut.Tokens[1].Kind);
        Assert.Equal(TokenKind.Hashtag, sut.Tokens[2].Kind);
        Assert.Equal(TokenKind.Symbol, sut.Tokens[3].Kind);
    }

    [Fact]
    public void Sentences_AbbreviationsAndDecimals_DoNotSplit()
    {
        var sut = new DraftText("Dr. Patel saw a 7.1 cm AAA. Wild!\nNext line");

        Assert.Equal(3, sut.SentenceCount);
        Assert.Equal(0, sut.Tokens[0].Sentence);
        Assert.Equal("Dr. Patel saw a 7.1 cm AAA", sut.Original.Substring(sut.SentenceSpan(0).Start, sut.SentenceSpan(0).Length));
    }

    [Fact]
    public void Normalized_CurlyQuotes_FoldedWithoutMovingIndexes()
    {
        var sut = new DraftText("it\u2019s \u201Cfine\u201D");

        Assert.Equal("it's \"fine\"", sut.Normalized);
        Assert.Equal(sut.Original.Length, sut.Normalized.Length);
    }

    [Fact]
    public void QuoteAround_InsideQuotation_FindsIt()
    {
        var sut = new DraftText("she asked if I was 'a real doctor or just a nurse': no");

        var quote = sut.QuoteAround(sut.Original.IndexOf("nurse", StringComparison.Ordinal));

        Assert.NotNull(quote);
        Assert.Equal('\'', sut.Original[quote.Value.Start]);
    }

    [Fact]
    public void Tokens_HugeDraft_DoesNotThrow()
    {
        var sut = new DraftText(string.Concat(Enumerable.Repeat("a b c. ", 5000)));

        Assert.True(sut.Tokens.Length > 0);
    }
}
