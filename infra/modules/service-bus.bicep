// Service Bus for tenant lifecycle events: a topic the platform publishes TenantCreated/TenantDeleted to, and this
// app's subscription, peek-locked, with dead-lettering. SAS keys are disabled (disableLocalAuth): the app's identity
// receives with Azure Service Bus Data Receiver on the topic, and publishers need Data Sender of their own.

@description('Name of the namespace (6-50 characters, globally unique).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('The tenant-events topic.')
param topicName string

@description('This app\'s subscription to the topic.')
param subscriptionName string

@description('Deliveries before Service Bus dead-letters a message; equal to the app\'s ServiceBus:MaxDeliveryCount (docs/service-bus.md: 10).')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('Principal id of the app\'s identity.')
param principalId string

@description('Resource id of the app\'s identity (names the role assignment stably).')
param identityId string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    // Topics and subscriptions need Standard or Premium.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    defaultMessageTimeToLive: 'P14D'
    // Publishers that resend an event with the same MessageId within 10 minutes are deduplicated here; the
    // handler is idempotent by message id all the same.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
  }
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: subscriptionName
  properties: {
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    // Longer than the slowest handler plus the app's hold before a release (ServiceBus:MaxRetryDelay, 30 s):
    // a lock that expires first redelivers a message still being handled.
    lockDuration: 'PT2M'
    defaultMessageTimeToLive: 'P14D'
  }
}

// Azure Service Bus Data Receiver on the topic (and so on its subscriptions): receive, complete, abandon, dead-letter.
resource dataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identityId, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The namespace's host name (NAME.servicebus.windows.net in the public cloud), from its endpoint URL.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output entityPath string = '${topic.name}/Subscriptions/${subscription.name}'
output maxDeliveryCount int = maxDeliveryCount
