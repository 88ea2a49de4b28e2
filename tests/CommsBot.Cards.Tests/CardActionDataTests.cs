namespace CommsBot.Cards.Tests;

public class CardActionDataTests
{
    [Fact]
    public void Hash_SameDraft_IsStableShortLowercaseHex()
    {
        var sut = CardActionData.Hash("Swipe up to save 20% with code DOCTOR");

        Assert.Equal(CardActionData.HashLength, sut.Length);
        Assert.Matches("^[0-9a-f]+$", sut);
        Assert.Equal(sut, CardActionData.Hash("Swipe up to save 20% with code DOCTOR"));
        Assert.NotEqual(sut, CardActionData.Hash("Swipe up to save 20% with code DOCTOR."));
    }

    [Theory]
    [InlineData(1, "2cbe518ce69ed0bb")] // hashed on the stack
    [InlineData(60, "c928e00e2c638177")] // over 1 KB of UTF-8: a pooled buffer
    public void Hash_ShortAndLongDrafts_IsTheSha256OfTheUtf8Bytes(int repeats, string expected)
    {
        var draft = repeats == 1 ? "Swipe up to save 20% with code DOCTOR" : string.Concat(Enumerable.Repeat("\u00c4rzte \u00fcber \u00d6ffnungszeiten \U0001FA7A ", repeats));

        Assert.Equal(expected, CardActionData.Hash(draft));
    }
}
