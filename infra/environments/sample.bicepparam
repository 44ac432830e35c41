// A sample environment: a registry of its own with ACR tenant tokens, one always-ready instance for HTTP and one
// for Durable. Secrets come from the environment of the shell that deploys, never from this file:
//   ORBIT_HOST_REPORT_SECRETS='{"build01":"<32 random characters>"}'   each Docker host's report secret by host id
//   ORBIT_SMTP_USERNAME, ORBIT_SMTP_PASSWORD                             the Docker-host agents' SMTP sign-in (optional)
// docs/deploy.md has the whole deployment.
using '../main.bicep'

param name = 'orbit-sample'

param tags = {
  environment: 'sample'
  service: 'orbit-registry-functions'
}

param acrTenantTokens = true

param alwaysReadyHttpInstances = 1

param alwaysReadyDurableInstances = 1

param keyVaultPurgeProtection = false

param dockerHostReportSecrets = json(readEnvironmentVariable('ORBIT_HOST_REPORT_SECRETS', '{}'))

param smtpUsername = readEnvironmentVariable('ORBIT_SMTP_USERNAME', '')

param smtpPassword = readEnvironmentVariable('ORBIT_SMTP_PASSWORD', '')
