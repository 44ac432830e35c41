// Orbit registry functions in one resource group: the function app on Flex Consumption and everything it reaches,
// all through one user-assigned identity. docs/deploy.md walks through a deployment.

targetScope = 'resourceGroup'

@description('Short name of this environment, the stem of every resource name: 3-16 lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(16)
param name string

@description('Azure region of every resource; Flex Consumption must be offered there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {}

@description('Name of an existing container registry to manage instead of creating one; empty creates one.')
param existingRegistryName string = ''

@description('Resource group of existingRegistryName, when it is not this one.')
param existingRegistryResourceGroup string = resourceGroup().name

@description('Tier of the registry this deployment creates.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Standard'

@description('Tenants get repository-scoped ACR tokens made by the app (Tenants:RegistryKind = Acr). Gives the app\'s identity Contributor on the registry, and on nothing else.')
param acrTenantTokens bool = false

@description('The topic tenant lifecycle events (TenantCreated, TenantDeleted) are published to.')
param tenantEventsTopic string = 'tenant-events'

@description('This app\'s subscription to the tenant-events topic.')
param tenantEventsSubscription string = 'orbit'

@description('Deliveries of a tenant event before it is dead-lettered (docs/service-bus.md: ServiceBus:MaxDeliveryCount, 10).')
@minValue(1)
@maxValue(2000)
param tenantEventsMaxDeliveryCount int = 10

@description('The Durable Functions task hub: letters and digits only.')
param taskHubName string = 'orbit'

@description('Largest number of instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each function app instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for HTTP (build system calls, registry events; the one instance that also keeps the tenant-events consumer running).')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@description('Always-ready instances for Durable orchestrations and activities (a build\'s quota check answers without a cold start).')
@minValue(0)
param alwaysReadyDurableInstances int = 1

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Purge protection on the Key Vault; once on, it cannot be turned off.')
param keyVaultPurgeProtection bool = true

@description('Each Docker host\'s report secret (16+ characters, the agent\'s MASTER_EVENT_CALLBACK_SECRET) by host id. Host ids here must be lowercase letters and digits: App Service setting names take no \'-\', Key Vault secret names no \'.\'.')
@secure()
param dockerHostReportSecrets object = {}

@description('SMTP user name of the Docker-host agents, kept in Key Vault for their provisioning; empty for none.')
@secure()
param smtpUsername string = ''

@description('SMTP password of the Docker-host agents, kept in Key Vault for their provisioning; empty for none.')
@secure()
param smtpPassword string = ''

@description('More non-secret app settings from the README\'s Configuration table, e.g. {"Quota__ReconcileSchedule": "0 */5 * * * *"}; the template\'s own settings win, except the trigger schedules and queue, which it only defaults.')
param appSettings object = {}

var suffix = uniqueString(resourceGroup().id, name)
var compactName = replace(name, '-', '')
var createRegistry = empty(existingRegistryName)
var registryName = createRegistry ? 'cr${compactName}${suffix}' : existingRegistryName
var registryResourceGroup = createRegistry ? resourceGroup().name : existingRegistryResourceGroup

// Host ids become parts of app setting names (Hosts__Secrets__<id>) and Key Vault secret names (host-report-<id>).
var dockerHostIds = map(
  objectKeys(dockerHostReportSecrets),
  id =>
    toLower(id) == id && !contains(id, '-') && !contains(id, '.') && !contains(id, '_') && length(id) <= 63
      ? id
      : fail('Docker host id \'${id}\' cannot be deployed: use lowercase letters and digits only (App Service setting names take no \'-\', Key Vault secret names no \'.\').')
)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${name}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${name}'
    applicationInsightsName: 'appi-${name}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('st${compactName}${suffix}', 24)
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: 'app-package'
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    name: 'sb-${name}-${suffix}'
    location: location
    tags: tags
    topicName: tenantEventsTopic
    subscriptionName: tenantEventsSubscription
    maxDeliveryCount: tenantEventsMaxDeliveryCount
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
  }
}

module registry 'modules/registry.bicep' = if (createRegistry) {
  name: 'registry'
  params: {
    name: registryName
    location: location
    tags: tags
    skuName: registrySku
  }
}

module registryAccess 'modules/registry-access.bicep' = {
  name: 'registry-access'
  scope: resourceGroup(registryResourceGroup)
  dependsOn: [
    registry
  ]
  params: {
    registryName: registryName
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
    tenantTokens: acrTenantTokens
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: take('kv-${name}-${suffix}', 24)
    location: location
    tags: tags
    purgeProtection: keyVaultPurgeProtection
    dockerHostReportSecrets: dockerHostReportSecrets
    dockerHostIds: dockerHostIds
    smtpUsername: smtpUsername
    smtpPassword: smtpPassword
    principalId: identity.outputs.principalId
    identityId: identity.outputs.id
  }
}

// Last: it reads an output of every module above, so ARM deploys it after each of them has finished, role
// assignments and secrets included, and the app's first start finds its rights and its Key Vault references in place.
module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: 'func-${name}-${suffix}'
    planName: 'plan-${name}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusEntity: serviceBus.outputs.entityPath
    serviceBusMaxDeliveryCount: serviceBus.outputs.maxDeliveryCount
    registryLoginServer: registryAccess.outputs.loginServer
    registryName: registryName
    registryResourceGroupName: registryAccess.outputs.resourceGroupName
    acrTenantTokens: acrTenantTokens
    taskHubName: taskHubName
    keyVaultUri: keyVault.outputs.uri
    dockerHostIds: dockerHostIds
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    appSettings: appSettings
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output identityClientId string = identity.outputs.clientId
output identityPrincipalId string = identity.outputs.principalId
output storageAccountName string = storage.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output tenantEventsEntity string = serviceBus.outputs.entityPath
output registryLoginServer string = registryAccess.outputs.loginServer
output keyVaultName string = keyVault.outputs.name
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
