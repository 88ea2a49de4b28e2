using System.Globalization;
using System.Text;
using CommsBot.Bot.Channels;
using CommsBot.Nudges;
using Microsoft.Bot.Schema;

namespace CommsBot.Bot.Nudges;

/// <summary>The meeting-policy reminder after a checked draft that names a configured meeting's hashtag.</summary>
public sealed class ConferenceReminders(NudgeStore store, ChannelCards cards)
{
    /// <summary>The photo and embargo policy of each configured meeting whose hashtag the draft names; null when none.</summary>
    public async Task<Attachment?> ForDraftAsync(IActivity activity, string draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(draft) || !draft.Contains('#', StringComparison.Ordinal))
        {
            return null;
        }

        var named = ConferenceCalendar.NamedIn(draft, await store.GetCalendarAsync(cancellationToken));
        if (named.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var c in named)
        {
            text.Append(CultureInfo.InvariantCulture, $"**{c.Hashtag}** ({c.Name}): {c.Photos.Describe()}");
            text.Append(c.Embargo.Length > 0 ? " Embargo: " + c.Embargo : "").Append('\n');
        }

        return cards.For(activity).Notice("Meeting policy reminder", text.ToString().TrimEnd());
    }
}
