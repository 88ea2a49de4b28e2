using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Detection;

/// <summary>What a detector sees of a draft: the analysed text, its context, and the matches of every group.</summary>
internal sealed record DetectionContext(DraftText Text, DraftContext Draft, MatchSet Matches);

/// <summary>One of the closed set of detector kinds, configured by a rule in the pack.</summary>
internal interface IDetector
{
    /// <summary>Adds the rule's findings (if any) to <paramref name="findings"/>.</summary>
    void Detect(DetectionContext context, List<Finding> findings);
}
