/**
 * The token endpoint's `invalid_client` as most identity providers send it (Okta, Auth0, Azure AD,
 * Keycloak for a confidential client, node-oidc-provider): it means the client id OR the secret is
 * wrong, and the message says both.
 */
import type { AxiosResponse } from 'axios'
import { describe, expect, it } from 'vitest'

import { answerFailure } from './idp-errors'
import type { Grant } from './idp-wire'

const ENDPOINT = 'https://login.example.com/oauth2/token'
const GRANT: Grant = {
  type: 'client_credentials',
  clientId: 'launcher',
  clientSecret: 'S3cr3t-value'
}

function answer(status: number, body: unknown): AxiosResponse<unknown> {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json' },
    data: JSON.stringify(body),
    config: { headers: {} } as AxiosResponse['config']
  }
}

describe('invalid_client', () => {
  it.each([
    [
      'node-oidc-provider',
      401,
      { error: 'invalid_client', error_description: 'client authentication failed' }
    ],
    [
      'Okta',
      401,
      {
        error: 'invalid_client',
        error_description: 'The client secret supplied for a confidential client is invalid.'
      }
    ],
    ['a bare answer', 400, { error: 'invalid_client' }]
  ])('from %s says it can be the client id or the client secret', (_idp, status, body) => {
    const failure = answerFailure(answer(status, body), ENDPOINT, GRANT)
    expect(failure.error.code).toBe('AUTH_UNKNOWN_CLIENT')
    expect(failure.error.message).toMatch(
      /^The identity provider at login\.example\.com does not accept the client id or the client secret of 'launcher'/
    )
    expect(failure.error.hint).toMatch(/client id.*client secret/)
    expect(failure.error.httpStatus).toBe(status)
    expect(JSON.stringify(failure.error)).not.toContain('S3cr3t-value')
  })
})
