/** The default sandbox fixture: the demo scenarios of flowx-api.md §e.5. */
import type { FixtureProcess, SandboxFixture } from './types'

/** Ids the built-in Local sandbox profile and the e2e tests prefill. */
export const SANDBOX_IDS = {
  workspaceId: '0a8d5c1e-4b7f-4e2a-9c3d-5f6a7b8c9d01',
  appId: '1b9e6d2f-5c80-4f3b-8d4e-6a7b8c9d0e12',
  committedBuildId: '2cae7e30-6d91-4a4c-9e5f-7b8c9d0e1f23',
  wipBuildId: '3dbf8f41-7ea2-4b5d-8f60-8c9d0e1f2a34',
  paymentsAppId: '4ec09052-8fb3-4c6e-9071-9d0e1f2a3b45',
  paymentsBuildId: '5fd1a163-90c4-4d7f-a182-0e1f2a3b4c56',
  realm: 'flowx',
  clientId: 'flowx-launcher-sandbox',
  clientSecret: 'sandbox-secret',
  publicClientId: 'flowx-platform-authenticate',
  username: 'demo',
  password: 'demo'
} as const

/** The processes both Customer onboarding builds publish. */
function onboardingProcesses(): FixtureProcess[] {
  return [
    { name: '[DOCS]customer_onboarding', flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c01' },
    {
      name: 'loan request',
      flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c02',
      mandatoryParams: ['customerId', 'amount']
    },
    { name: 'cerere_împrumut', flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c03' },
    {
      name: 'account_opening',
      flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c04',
      startConditions: ['PF', 'PJ']
    },
    {
      name: 'admin_review',
      flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c05',
      requiredRole: 'FLOWX_ADMIN'
    },
    {
      name: 'parallel_checks',
      flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c06',
      tokens: [
        { state: 'ON_HOLD', statusCurrentNode: 'ARRIVED' },
        { state: 'ACTIVE', statusCurrentNode: 'EXECUTED_PARTIAL', parent: 0 },
        { state: 'ACTIVE', statusCurrentNode: 'WAITING_MESSAGE_EVENT', parent: 0 }
      ]
    }
  ]
}

/** The fixture a sandbox serves unless told otherwise. */
export const DEFAULT_FIXTURE: SandboxFixture = {
  defaultRequiredRole: 'FLOWX_ROLE',
  buildSettings: {
    applicationVersionId: '7b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d01',
    platforms: 'OMNICHANNEL',
    themeId: '8c2d3e4f-5a6b-4c7d-8e8f-9a0b1c2d3e01',
    dateDisplayFormat: { format: 'short' },
    numberDisplayFormat: { minDecimals: 1, maxDecimals: 2 },
    currencyDisplayFormat: { format: 'isoCode' },
    defaultLanguageCode: 'en'
  },
  realms: [
    {
      name: SANDBOX_IDS.realm,
      accessTokenLifespan: 300,
      refreshTokenLifespan: 1800,
      clients: [
        {
          clientId: SANDBOX_IDS.clientId,
          secret: SANDBOX_IDS.clientSecret,
          public: false,
          grants: ['client_credentials'],
          roles: ['FLOWX_ROLE']
        },
        {
          clientId: SANDBOX_IDS.publicClientId,
          public: true,
          grants: ['password', 'refresh_token'],
          roles: []
        }
      ],
      users: [
        { username: 'demo', password: 'demo', sub: 'demo', roles: ['FLOWX_ROLE'] },
        { username: 'tester', password: 'tester', sub: 'tester', roles: ['FLOWX_ROLE'] }
      ]
    }
  ],
  workspaces: [
    {
      id: SANDBOX_IDS.workspaceId,
      name: 'Demo workspace',
      apps: [
        {
          id: SANDBOX_IDS.appId,
          name: 'Customer onboarding',
          activePolicy: { buildId: SANDBOX_IDS.committedBuildId },
          overrides: [{ sub: 'tester', buildId: SANDBOX_IDS.wipBuildId }],
          builds: [
            {
              id: SANDBOX_IDS.committedBuildId,
              status: 'COMMITTED',
              processes: onboardingProcesses()
            },
            {
              id: SANDBOX_IDS.wipBuildId,
              status: 'WORK_IN_PROGRESS',
              settings: { applicationVersionId: '7b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d02' },
              processes: [
                ...onboardingProcesses(),
                { name: 'draft_feature', flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c07' }
              ]
            }
          ]
        },
        {
          id: SANDBOX_IDS.paymentsAppId,
          name: 'Payments',
          activePolicy: { buildId: SANDBOX_IDS.paymentsBuildId },
          overrides: [],
          builds: [
            {
              id: SANDBOX_IDS.paymentsBuildId,
              status: 'COMMITTED',
              settings: { applicationVersionId: '7b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d03' },
              processes: [
                { name: 'payment_dispute', flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c08' },
                { name: 'refund request', flowxUuid: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c09' }
              ]
            }
          ]
        }
      ]
    }
  ]
}
