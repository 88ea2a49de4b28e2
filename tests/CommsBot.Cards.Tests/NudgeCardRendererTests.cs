using CommsBot.Nudges;

namespace CommsBot.Cards.Tests;

/// <summary>The nudge cards, each on both channels, against their approved files (as the review cards are).</summary>
public class NudgeCardRendererTests
{
    private static NudgeCardRenderer Sut(bool slack) =>
        slack ? NudgeCardRenderer.ForSlack(Fixtures.Templates) : NudgeCardRenderer.ForTeams(Fixtures.Templates);

    private static readonly Accomplishment[] Promotions =
    [
        new(1, "Dr Ana Ruiz", AccomplishmentKind.Publication, "Outcomes of early mobilisation <after> sepsis & more", new Uri("https://doi.org/10.1000/xyz"), ["Dr Lee"]),
        new(2, "Raj Patel", AccomplishmentKind.Award, "Teaching award", new Uri("https://example.org/award"), []),
    ];

    private static readonly Conference Meeting = new(
        "chest-2026", "CHEST 2026", new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 21), "America/Chicago", "#CHEST2026",
        PhotoPolicy.PersonalUseOnly, "Abstracts are under embargo until presented.", new Uri("https://example.org/chest"));

    [Theory]
    [InlineData(false, "teams-nudge-promotion")]
    [InlineData(true, "slack-nudge-promotion")]
    public void RenderColleaguePromotion_MatchesApproved(bool slack, string approved) =>
        Approvals.Verify(Sut(slack).RenderColleaguePromotion(Promotions).ToJsonString(), approved);

    [Theory]
    [InlineData(false, "teams-nudge-conference")]
    [InlineData(true, "slack-nudge-conference")]
    public void RenderConferenceHighlight_MatchesApproved(bool slack, string approved) =>
        Approvals.Verify(Sut(slack).RenderConferenceHighlight(Meeting).ToJsonString(), approved);

    [Theory]
    [InlineData(false, "teams-nudge-consent")]
    [InlineData(true, "slack-nudge-consent")]
    public void RenderConsentRequest_MatchesApproved(bool slack, string approved) =>
        Approvals.Verify(Sut(slack).RenderConsentRequest(Promotions[0]).ToJsonString(), approved);
}
