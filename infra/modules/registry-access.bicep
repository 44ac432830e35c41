// The app's rights on the registry, new or existing, deployed in the registry's resource group so that every
// assignment is scoped to the registry itself.

@description('Name of the registry, in this module\'s resource group.')
param registryName string

@description('Principal id of the app\'s identity.')
param principalId string

@description('Resource id of the app\'s identity (names the role assignments stably).')
param identityId string

@description('Whether the app makes tenants\' ACR tokens (scope maps, tokens, generateCredentials over ARM).')
param tenantTokens bool

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

// AcrPull: manifests, tags and the catalog; the app reads every image it accounts for and pins tenants' deploys by
// digest. It never pushes (no manifest or blob upload anywhere in shared/Registry), so it holds no AcrPush: build
// systems push with identities of their own.
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identityId, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// AcrDelete: the quota cleanup and tenant image deletion delete manifests by digest.
resource acrDelete 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identityId, 'c2f4ef07-c644-48eb-af81-4b1b4947fb11')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'c2f4ef07-c644-48eb-af81-4b1b4947fb11')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Contributor on the registry alone, and only with ACR tenant tokens: scope maps and tokens are ARM resources
// under the registry (docs/tenants.md#azure-container-registry).
resource contributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (tenantTokens) {
  name: guid(registry.id, identityId, 'b24988ac-6180-42a0-ab88-20f7382dd24c')
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output loginServer string = registry.properties.loginServer
output resourceGroupName string = resourceGroup().name
