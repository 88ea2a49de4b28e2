using CommsBot.Cli.Commands;

namespace CommsBot.Cli.Tests.Commands;

public class DraftInputTests
{
    [Theory]
    [InlineData("hello\n", "hello")]
    [InlineData("hello\r\n", "hello")]
    [InlineData("hello\n\n", "hello\n")]
    [InlineData("line one\nline two", "line one\nline two")]
    [InlineData("", "")]
    public async Task ReadAsync_TrailingNewline_IsDroppedOnce(string stdin, string expected)
    {
        using var reader = new StringReader(stdin);

        var draft = await DraftInput.ReadAsync(reader, 100, CancellationToken.None);

        Assert.Equal(expected, draft);
    }

    [Fact]
    public async Task ReadAsync_ExactlyAtLimitWithNewline_IsAccepted()
    {
        using var reader = new StringReader(new string('a', 10) + "\r\n");

        var draft = await DraftInput.ReadAsync(reader, 10, CancellationToken.None);

        Assert.Equal(new string('a', 10), draft);
    }

    [Fact]
    public async Task ReadAsync_OverLimit_ReturnsNullWithoutReadingEverything()
    {
        using var reader = new StringReader(new string('a', 1_000));

        var draft = await DraftInput.ReadAsync(reader, 10, CancellationToken.None);

        Assert.Null(draft);
        Assert.NotEqual(-1, reader.Peek());
    }
}
