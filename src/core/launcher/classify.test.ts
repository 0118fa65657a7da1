/** The pure classifiers with synthetic inputs, for the cases a local server cannot produce. */
import { describe, expect, it } from 'vitest'

import { classifyResponse, type ResponseInput } from './classify'
import { hintFor } from './hints'
import { redactError, redactText } from './redact'
import { classifyTransportError, type TransportContext } from './transport-error'

const CTX: TransportContext = {
  requestSent: false,
  baseUrl: 'https://flowx.example.com/rtm',
  inactivityTimeoutMs: 30_000,
  deadlineMs: 120_000
}

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code })
}

/** Shaped like axios's wrapper: its own code, the original error as a non-enumerable cause. */
function wrapped(cause: Error, code = 'ERR_NETWORK'): Error {
  const error = Object.assign(new Error(cause.message), { code })
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false })
  return error
}

describe('classifyTransportError', () => {
  it.each([
    ['ENOTFOUND', 'The host flowx.example.com could not be found.'],
    ['EAI_AGAIN', 'The host flowx.example.com could not be found.'],
    ['EHOSTUNREACH', 'flowx.example.com cannot be reached from this computer.'],
    ['ENETUNREACH', 'flowx.example.com cannot be reached from this computer.'],
    ['ECONNREFUSED', 'Connection refused by flowx.example.com.']
  ])('%s → failed NETWORK', (code, message) => {
    const result = classifyTransportError(wrapped(nodeError(code)), CTX)
    expect(result).toMatchObject({ status: 'failed', error: { code: 'NETWORK', message } })
    expect(result.error?.hint).toBeTruthy()
  })

  it('finds the code inside a dual-stack AggregateError', () => {
    const aggregate = Object.assign(new AggregateError([nodeError('ECONNREFUSED')], ''), {})
    expect(classifyTransportError(wrapped(aggregate), CTX).error?.code).toBe('NETWORK')
    expect(classifyTransportError(wrapped(aggregate), CTX).error?.message).toContain('refused')
  })

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'authority this app does not trust'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'authority this app does not trust'],
    ['CERT_HAS_EXPIRED', 'has expired'],
    ['CERT_NOT_YET_VALID', 'not valid yet'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'different host name'],
    ['CERT_REVOKED', 'failed (CERT_REVOKED)'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'failed (ERR_SSL_WRONG_VERSION_NUMBER)'],
    ['EPROTO', 'failed (EPROTO)']
  ])('%s → failed TLS', (code, part) => {
    const result = classifyTransportError(nodeError(code), { ...CTX, requestSent: false })
    expect(result).toMatchObject({ status: 'failed', error: { code: 'TLS' } })
    expect(result.error?.message).toContain(part)
  })

  it('timeout: unknown when sent, failed when not', () => {
    const error = nodeError('ETIMEDOUT', 'timeout of 30000ms exceeded')
    expect(classifyTransportError(error, { ...CTX, requestSent: true })).toMatchObject({
      status: 'unknown',
      error: { code: 'TIMEOUT', message: 'The server sent nothing for 30 s after the request.' }
    })
    expect(classifyTransportError(error, CTX)).toMatchObject({
      status: 'failed',
      error: { code: 'TIMEOUT', message: 'Could not reach flowx.example.com within 30 s.' }
    })
  })

  it('deadline and user cancel win over the error code', () => {
    const error = nodeError('ERR_CANCELED', 'canceled')
    expect(classifyTransportError(error, { ...CTX, aborted: 'deadline' })).toMatchObject({
      status: 'failed',
      error: { code: 'TIMEOUT', message: 'Could not send the request within the 120 s time limit.' }
    })
    expect(
      classifyTransportError(error, { ...CTX, requestSent: true, aborted: 'user' })
    ).toMatchObject({ status: 'unknown', error: { code: 'CANCELLED' } })
  })

  it('reset: unknown when sent, failed when not', () => {
    const error = nodeError('ECONNRESET', 'socket hang up')
    expect(classifyTransportError(error, { ...CTX, requestSent: true }).status).toBe('unknown')
    expect(classifyTransportError(error, CTX)).toMatchObject({
      status: 'failed',
      error: { message: 'The connection was closed before the request was sent (ECONNRESET).' }
    })
  })

  it('size limits', () => {
    const big = nodeError('ERR_BAD_RESPONSE', 'maxContentLength size of 10485760 exceeded')
    expect(classifyTransportError(big, { ...CTX, requestSent: true })).toMatchObject({
      status: 'unknown',
      error: { code: 'UNREADABLE_RESPONSE' }
    })
    const body = nodeError('ERR_BAD_REQUEST', 'Request body larger than maxBodyLength limit')
    expect(classifyTransportError(body, CTX)).toMatchObject({
      status: 'failed',
      error: { code: 'PAYLOAD_TOO_LARGE' }
    })
  })

  it('anything else: NETWORK, unknown once sent', () => {
    expect(classifyTransportError(new Error('odd'), CTX)).toMatchObject({
      status: 'failed',
      error: { code: 'NETWORK', message: 'The connection failed: odd.' }
    })
    expect(classifyTransportError('not an error', { ...CTX, requestSent: true })).toMatchObject({
      status: 'unknown',
      error: { code: 'NETWORK', message: 'The connection failed after the request was sent.' }
    })
  })
})

describe('classifyResponse', () => {
  const base: ResponseInput = {
    status: 200,
    headers: {},
    body: '',
    url: 'https://flowx.example.com/rtm/api/runtime/x',
    mode: 'workspace',
    tokenSent: true
  }

  it('a relative Location resolves against the URL called; query and userinfo are dropped', () => {
    const result = classifyResponse({
      ...base,
      status: 301,
      headers: { location: '/login?next=%2Fx' }
    })
    expect(result.error?.message).toBe(
      'The server redirected to https://flowx.example.com/login; not followed.'
    )
    expect(
      classifyResponse({
        ...base,
        status: 302,
        headers: { location: 'https://u:p@evil.example/a?t=1' }
      }).error?.message
    ).toBe('The server redirected to https://evil.example/a; not followed.')
    expect(classifyResponse({ ...base, status: 303 }).error?.message).toBe(
      'The server answered 303 See Other without a usable Location; not followed.'
    )
  })

  it('404 hint depends on the mode', () => {
    expect(classifyResponse({ ...base, status: 404 }).error?.hint).toContain('active build')
  })

  it('401 without a token says so', () => {
    expect(classifyResponse({ ...base, status: 401, tokenSent: false }).error?.hint).toBe(
      'This profile has no token: paste one.'
    )
  })

  it('a cut-off error body keeps the status classification', () => {
    const result = classifyResponse({
      ...base,
      status: 404,
      body: '{"tit',
      bodyLost: 'was cut off'
    })
    expect(result).toMatchObject({
      status: 'failed',
      error: {
        code: 'NOT_FOUND',
        message: '404 Not Found',
        detail: 'The response body was cut off.'
      }
    })
  })

  it('informational or odd statuses are HTTP errors', () => {
    expect(classifyResponse({ ...base, status: 199 }).error?.code).toBe('HTTP_ERROR')
  })
})

describe('hintFor', () => {
  it.each([
    ['Multiple start nodes found, but start condition not specified.', 'startCondition'],
    [
      'The request was rejected because the URL contained a potentially malicious String "%2F"',
      '/ % ; or \\'
    ],
    [
      "Required request header 'Flowx-Platform' for method parameter type String is not present",
      'platform'
    ]
  ])('%s', (text, part) => {
    expect(
      hintFor({ code: 'VALIDATION', httpStatus: 400, text, mode: 'build', tokenSent: true })
    ).toContain(part)
  })

  it('502 and 503 point at the gateway, 500 at Failed process start', () => {
    const hint = (httpStatus: number): string | undefined =>
      hintFor({ code: 'SERVER', httpStatus, text: '', mode: 'build', tokenSent: true })
    expect(hint(502)).toContain('gateway')
    expect(hint(503)).toContain('gateway')
    expect(hint(500)).toContain('Failed process start')
  })
})

describe('redact', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig-value_123'

  it('masks the token, Bearer credentials in any spelling, and JWT-shaped strings', () => {
    expect(redactText(`got ${token}`, [token])).toBe('got ••••')
    expect(redactText('authorization: bearer abc.def', [])).toBe('authorization: bearer ••••')
    expect(redactText('Bearer%20abc', [])).toBe('Bearer%20••••')
    expect(redactText('id eyJabcd.eyJefgh.ijkl end', [])).toBe('id •••• end')
    expect(redactText('a short one: abc', ['abc'])).toBe('a short one: abc')
  })

  it('redacts message, detail and hint', () => {
    const error = redactError(
      { code: 'SERVER', message: `m ${token}`, detail: `d Bearer ${token}`, hint: `h ${token}` },
      [token]
    )
    expect(JSON.stringify(error)).not.toContain('sig-value')
    expect(error).toEqual({
      code: 'SERVER',
      message: 'm ••••',
      detail: 'd Bearer ••••',
      hint: 'h ••••'
    })
  })
})
