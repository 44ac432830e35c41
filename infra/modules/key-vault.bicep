// Key Vault for what must stay secret: each Docker host's report secret (read by the app through Key Vault
// references, so the value never sits in an app setting or in this deployment's outputs) and the SMTP credentials
// the Docker-host agents send their e-mail with (the app sends none; the agents' provisioning reads them from here).
// Access is Azure RBAC only; the app's identity holds Key Vault Secrets User on this vault.

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Whether deleted secrets and the vault itself are protected from purging for the retention period (cannot be turned off again).')
param purgeProtection bool

@description('Each Docker host\'s report secret by host id.')
@secure()
param dockerHostReportSecrets object

@description('The host ids of dockerHostReportSecrets, checked by main.bicep (lowercase letters and digits).')
param dockerHostIds array

@description('User name the agents sign in to the SMTP server with; empty for none.')
@secure()
param smtpUsername string

@description('Password the agents sign in to the SMTP server with; empty for none.')
@secure()
param smtpPassword string

@description('Principal id of the app\'s identity.')
param principalId string

@description('Resource id of the app\'s identity (names the role assignment stably).')
param identityId string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection cannot be switched off once on; null leaves it off.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// One per checked host id, so that an id the app settings cannot carry stops the deployment before any secret is written.
resource hostReportSecrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for hostId in dockerHostIds: {
    parent: vault
    name: 'host-report-${hostId}'
    properties: {
      value: dockerHostReportSecrets[hostId]
      contentType: 'Orbit Docker-host report secret (MASTER_EVENT_CALLBACK_SECRET of host ${hostId})'
    }
  }
]

resource smtpUsernameSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(smtpUsername)) {
  parent: vault
  name: 'smtp-username'
  properties: {
    value: smtpUsername
    contentType: 'SMTP_USERNAME of the Orbit Docker-host agents'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
    contentType: 'SMTP_PASSWORD of the Orbit Docker-host agents'
  }
}

// Key Vault Secrets User: resolves the app settings' Key Vault references (the site's keyVaultReferenceIdentity).
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
