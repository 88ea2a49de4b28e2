using CommsBot.Nudges;

namespace CommsBot.Nudges.Tests;

/// <summary>Nudge wire names are in stored rows (outbox keys, consent, kinds) and commands: they must not change.</summary>
public class NudgeNamesTests
{
    [Fact]
    public void ToWire_EveryEnumValue_IsItsStoredName()
    {
        Assert.Equal(NudgeNames.Kinds, Enum.GetValues<AccomplishmentKind>().Select(k => k.ToWire()));
        Assert.Equal(NudgeNames.PhotoPolicies, Enum.GetValues<PhotoPolicy>().Select(p => p.ToWire()));
        Assert.Equal(["colleague-promotion", "conference-highlight", "consent-request"], Enum.GetValues<NudgeKind>().Select(k => k.ToWire()));
        Assert.Equal(["pending", "granted", "declined"], Enum.GetValues<ConsentState>().Select(s => s.ToWire()));
    }
}
