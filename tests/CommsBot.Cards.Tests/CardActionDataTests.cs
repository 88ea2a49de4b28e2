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
}
