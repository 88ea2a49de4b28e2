using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest.Serialization;
using Newtonsoft.Json.Serialization;

namespace CommsBot.Bot.Hosting;

/// <summary>
/// Wraps the Bot Framework authentication so the connector clients it creates share their JSON contract resolvers.
/// CloudAdapter makes a new ConnectorClient for every turn, and each comes with a new resolver and therefore an
/// empty contract cache: every reply then rebuilds the Activity contracts with Reflection.Emit, which measured about
/// 15 ms of CPU per turn and capped the bot at roughly 60 turns/s on 2 cores. Newtonsoft resolvers are thread-safe
/// and meant to be shared.
/// </summary>
internal sealed class SharedContractsBotFrameworkAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    private static readonly IContractResolver SerializationResolver = new ReadOnlyJsonContractResolver();
    private static readonly IContractResolver DeserializationResolver = new ReadOnlyJsonContractResolver();

    // The adapter takes the connector factory from the authentication result, so it is wrapped there too.
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Wrap(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Wrap(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false));

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new SharedContractsConnectorFactory(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private static AuthenticateRequestResult Wrap(AuthenticateRequestResult result)
    {
        if (result?.ConnectorFactory is { } factory and not SharedContractsConnectorFactory)
        {
            result.ConnectorFactory = new SharedContractsConnectorFactory(factory);
        }

        return result!;
    }

    private sealed class SharedContractsConnectorFactory(ConnectorFactory inner) : ConnectorFactory
    {
        public override async Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var client = await inner.CreateAsync(serviceUrl, audience, cancellationToken).ConfigureAwait(false);
            if (client is ConnectorClient connector)
            {
                connector.SerializationSettings.ContractResolver = SerializationResolver;
                connector.DeserializationSettings.ContractResolver = DeserializationResolver;
            }

            return client;
        }
    }
}
