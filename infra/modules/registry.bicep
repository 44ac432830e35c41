// The managed container registry, when the deployment makes one (main.bicep's existingRegistryName is empty).
// No admin user and no anonymous pull: the app signs in with its identity, tenants with repository-scoped ACR
// tokens the app makes at run time (scope maps and tokens, Tenants:RegistryKind = Acr), build systems with their own
// Entra identities.

@description('Name of the registry (5-50 letters and digits, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Registry tier. Scope maps and tokens (tenant credentials) are in every tier on current registries.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
    // AcrPull and AcrDelete (registry-access.bicep) are honoured in this mode only; a registry in
    // AbacRepositoryPermissions mode needs the ABAC roles instead (docs/deploy.md).
    roleAssignmentMode: 'LegacyRegistryPermissions'
  }
}

output name string = registry.name
