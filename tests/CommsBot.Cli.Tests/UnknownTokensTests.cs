namespace CommsBot.Cli.Tests;

public class UnknownTokensTests
{
    [Theory]
    [InlineData("platform", "platform", 0)]
    [InlineData("platfrom", "platform", 1)]
    [InlineData("platfom", "platform", 1)]
    [InlineData("acount", "account", 1)]
    [InlineData("format", "jsonl", 6)]
    [InlineData("", "pack", 4)]
    public void Distance_CountsEditsWithTranspositionsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, UnknownTokens.Distance(a, b));
        Assert.Equal(expected, UnknownTokens.Distance(b, a));
    }
}
