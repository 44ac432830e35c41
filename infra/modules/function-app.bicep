// The function app on the Flex Consumption plan: dotnet-isolated on .NET 10, the deployment package in a blob
// container read with the app's identity, always-ready instances for the triggers that must answer at once, and
// every app setting the app reads in Azure. Connections are identity-based (the user-assigned identity, by client
// id); secrets are Key Vault references. No connection string or key is written here.

@description('Name of the function app (globally unique host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Name of the AzureWebJobsStorage account.')
param storageAccountName string

@description('Blob endpoint of the storage account (https://NAME.blob.core.windows.net/).')
param storageBlobEndpoint string

@description('Blob container of the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Host name of the Service Bus namespace.')
param serviceBusNamespace string

@description('The tenant-events subscription, as topic/Subscriptions/subscription.')
param serviceBusEntity string

@description('Deliveries before a tenant event is dead-lettered; the subscription\'s maxDeliveryCount.')
param serviceBusMaxDeliveryCount int

@description('Login server of the container registry.')
param registryLoginServer string

@description('Name of the container registry.')
param registryName string

@description('Resource group of the container registry.')
param registryResourceGroupName string

@description('Whether tenants get ACR tokens made by the app (Tenants:RegistryKind = Acr).')
param acrTenantTokens bool

@description('The Durable Functions task hub (letters and digits).')
param taskHubName string

@description('URI of the Key Vault holding the Docker hosts\' report secrets (https://NAME.vault.azure.net/).')
param keyVaultUri string

@description('Ids of the Docker hosts whose report secret is in the vault as host-report-<id>.')
param dockerHostIds array

@description('Largest number of instances the plan scales out to.')
param maximumInstanceCount int

@description('Memory of each instance.')
param instanceMemoryMB int

@description('Always-ready instances of the HTTP group (the build system\'s calls, registry events).')
param alwaysReadyHttpInstances int

@description('Always-ready instances of the Durable group (build orchestrations and their activities).')
param alwaysReadyDurableInstances int

@description('More app settings from the README\'s Configuration table (non-secret); the settings above win.')
param appSettings object

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
          {
            name: 'durable'
            instanceCount: alwaysReadyDurableInstances
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Publishing signs in with Entra ID (zip deploy and Core Tools both do); no basic-auth publishing credentials exist.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

// Hosts:Secrets:<hostId> for each Docker host, resolved from Key Vault with the app's identity.
var hostReportSecretSettings = toObject(
  dockerHostIds,
  hostId => 'Hosts__Secrets__${hostId}',
  hostId => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/host-report-${hostId})'
)

// The settings the app's timers and queue trigger name as %Setting%: without them the Functions host cannot index those
// functions. Defaults are local.settings.sample.json's; appSettings may change them.
var triggerSettings = {
  Quota__ReconcileSchedule: '0 */15 * * * *'
  Tenants__DeletionQueue: 'tenant-image-deletions'
  Tenants__OrphanSweepSchedule: '0 0 * * * *'
  Hosts__SignaturePurgeSchedule: '0 7 * * * *'
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(triggerSettings, appSettings, hostReportSecretSettings, {
    // Storage (queues, tables, blobs, the Durable task hub) with the user-assigned identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Telemetry to Application Insights, authenticated with the identity (local auth is off on the component).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // DefaultAzureCredential (the registry's Entra token exchange, ARM for ACR tokens) picks this identity.
    AZURE_CLIENT_ID: identityClientId
    // host.json's Durable task hub, set here so that two deployments sharing an account never share a hub.
    AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
    // Tenant lifecycle events: the Service Bus connection named ServiceBus:Connection, identity-based.
    ServiceBus__Connection__fullyQualifiedNamespace: serviceBusNamespace
    ServiceBus__Connection__credential: 'managedidentity'
    ServiceBus__Connection__clientId: identityClientId
    ServiceBus__Entity: serviceBusEntity
    ServiceBus__MaxDeliveryCount: string(serviceBusMaxDeliveryCount)
    // The registry, signed in to with the identity.
    Registry__Url: 'https://${registryLoginServer}'
    Registry__UseAzureIdentity: 'true'
    Tenants__RegistryKind: acrTenantTokens ? 'Acr' : 'Distribution'
    Tenants__Acr__SubscriptionId: subscription().subscriptionId
    Tenants__Acr__ResourceGroup: registryResourceGroupName
    Tenants__Acr__RegistryName: registryName
    Tenants__Acr__LoginServer: registryLoginServer
    Tenants__Acr__ManagementEndpoint: environment().resourceManager
  })
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
