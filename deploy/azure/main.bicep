// CommsBot on Azure: App Service (Linux, .NET 10) + Azure Bot (Teams channel) + Key Vault for the secrets.
//
//   az group create -n commsbot -l westeurope
//   az deployment group create -g commsbot -f deploy/azure/main.bicep \
//     -p name=commsbot-contoso microsoftAppId=<app id> microsoftAppTenantId=<tenant id> \
//        microsoftAppPassword=<client secret> postgresConnectionString='Host=...;Password=...'
//
// Secrets go to Key Vault; the Web App reads them through Key Vault references with its managed identity.
// Then deploy the code: `dotnet publish src/CommsBot.Bot -c Release -o out && (cd out && zip -r ../app.zip .)`,
// `az webapp deploy -g commsbot -n <webAppName output> --src-path app.zip --type zip`.

@description('A globally unique base name (letters, digits, hyphens): the web app is <name>.azurewebsites.net.')
@minLength(3)
@maxLength(40)
param name string

param location string = resourceGroup().location

@description('The Entra app registration (client) id of the bot (a GUID). Required: an empty one would be unauthenticated local mode, which the bot refuses in Production.')
@minLength(36)
@maxLength(36)
param microsoftAppId string

@description('SingleTenant (recommended) or UserAssignedMSI. MultiTenant bots can no longer be created.')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param microsoftAppType string = 'SingleTenant'

@description('The Entra tenant of the app registration.')
param microsoftAppTenantId string = subscription().tenantId

@secure()
@description('The app registration\'s client secret. Stored in Key Vault, never in app settings.')
param microsoftAppPassword string

@secure()
@description('PostgreSQL connection string (Azure Database for PostgreSQL flexible server). Empty: SQLite on the app\'s /home storage (one instance only).')
param postgresConnectionString string = ''

@secure()
@description('Slack signing secret; empty leaves the Slack endpoints off.')
param slackSigningSecret string = ''

@secure()
@description('Slack bot token (xoxb-...).')
param slackBotToken string = ''

@description('App Service plan SKU. B1 is the smallest with Always On (needed for the nudge scheduler).')
param appServiceSku string = 'B1'

@description('Azure Bot SKU: F0 (free, standard channels such as Teams are free) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('OTLP endpoint for traces and metrics; empty: no export.')
param otlpEndpoint string = ''

var usePostgres = !empty(postgresConnectionString)
var webAppName = name
var vaultName = take('kv-${uniqueString(resourceGroup().id, name)}', 24)
var messagingEndpoint = 'https://${webAppName}.azurewebsites.net/api/messages'
// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: microsoftAppPassword
  }
}

resource postgresSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usePostgres) {
  parent: vault
  name: 'StorageConnectionString'
  properties: {
    value: postgresConnectionString
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'SlackSigningSecret'
  properties: {
    value: slackSigningSecret
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'SlackBotToken'
  properties: {
    value: slackBotToken
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true // Linux
  }
}

var baseSettings = [
  { name: 'MicrosoftAppType', value: microsoftAppType }
  { name: 'MicrosoftAppId', value: microsoftAppId }
  { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
  { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${appPasswordSecret.name})' }
  { name: 'Storage__Provider', value: usePostgres ? 'Postgres' : 'Sqlite' }
  // /home is App Service's persistent storage (shared by instances: keep one instance with SQLite).
  { name: 'Storage__DataDirectory', value: '/home/data' }
  { name: 'Operations__ShutdownTimeout', value: '00:00:30' }
  { name: 'OTEL_SERVICE_NAME', value: 'commsbot' }
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint }
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
]
var postgresSettings = usePostgres ? [
  { name: 'Storage__ConnectionString', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=StorageConnectionString)' }
] : []
var slackSettings = concat(
  empty(slackSigningSecret) ? [] : [
    { name: 'Slack__SigningSecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=SlackSigningSecret)' }
  ],
  empty(slackBotToken) ? [] : [
    { name: 'Slack__BotToken', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=SlackBotToken)' }
  ])

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet CommsBot.Bot.dll'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/readyz'
      appSettings: concat(baseSettings, postgresSettings, slackSettings)
    }
  }
}

// The Web App's identity may read the vault's secrets (for the Key Vault references above).
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, web.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'CommsBot'
    description: 'Checks clinicians\' social-media drafts against MMS, HIPAA and FTC guidelines.'
    endpoint: messagingEndpoint
    msaAppId: microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output webAppName string = web.name
output messagingEndpoint string = messagingEndpoint
output slackEventsUrl string = 'https://${webAppName}.azurewebsites.net/api/slack/events'
output botName string = bot.name
output keyVaultName string = vault.name
