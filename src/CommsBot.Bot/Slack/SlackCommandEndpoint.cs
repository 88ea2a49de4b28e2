namespace CommsBot.Bot.Slack;

/// <summary>The slash command: maps the form to a turn and hands it to <see cref="SlackCommandAnswers"/>, which
/// answers within the request or acknowledges and follows up.</summary>
internal static class SlackCommandEndpoint
{
    public static async Task HandleAsync(SlackRequest request, SlackActivityMapper mapper, SlackCommandAnswers answers, ILogger<SlackAdapter> logger)
    {
        var form = request.Form();
        if (form.ContainsKey("ssl_check"))
        {
            return; // Slack checking the certificate: 200 is the whole answer
        }

        var mapping = mapper.FromCommand(form);
        if (mapping.Turn is not { Target: SlackCommandReply reply } turn)
        {
            Log.SlackRequestIgnored(logger, "command", mapping.Ignored ?? "unmapped");
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The command has no user or channel").ExecuteAsync(request.Http);
            return;
        }

        await answers.AnswerAsync(request, turn, reply);
    }
}
