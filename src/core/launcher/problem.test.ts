import { describe, expect, it } from 'vitest'

import { describeProblem, htmlToText, parseAuthChallenge, statusLine } from './problem'

describe('describeProblem', () => {
  it('problem+json: a generic title gives way to the detail', () => {
    const body = JSON.stringify({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Failed to read request',
      instance: '/api/runtime/x'
    })
    expect(describeProblem({ status: 400, body })).toEqual({
      message: 'Failed to read request'
    })
  })

  it('problem+json: a specific title leads the message, a short detail follows it', () => {
    const body = JSON.stringify({
      title: 'Entity not found.',
      status: 404,
      detail: 'Build b not in app a'
    })
    expect(describeProblem({ status: 404, body })).toEqual({
      message: 'Entity not found. Build b not in app a'
    })
  })

  it('problem+json: a long detail stays in detail', () => {
    const detail = 'x'.repeat(301)
    const body = JSON.stringify({ title: 'Entity not found.', status: 404, detail })
    expect(describeProblem({ status: 404, body })).toEqual({ message: 'Entity not found.', detail })
  })

  it('Spring default: "No message available" falls back to error', () => {
    const body = JSON.stringify({
      timestamp: 't',
      status: 500,
      error: 'Internal Server Error',
      message: 'No message available',
      path: '/x'
    })
    expect(describeProblem({ status: 500, body })).toEqual({ message: 'Internal Server Error' })
  })

  it('OAuth: error_description, with the error code as detail', () => {
    const body = JSON.stringify({
      error: 'invalid_grant',
      error_description: 'Invalid user credentials'
    })
    expect(describeProblem({ status: 401, body })).toEqual({
      message: 'Invalid user credentials',
      detail: 'OAuth error: invalid_grant'
    })
  })

  it('plain JSON message', () => {
    expect(describeProblem({ status: 409, body: '{"message":"Already running"}' })).toEqual({
      message: 'Already running'
    })
  })

  it('JSON without any known field falls back to the status line', () => {
    expect(describeProblem({ status: 422, body: '{"foo":1}' })).toEqual({
      message: '422 Unprocessable Entity'
    })
  })

  it('HTML: first meaningful line, stripped text as detail, capped at 2000 characters', () => {
    const body = `<html><head><title>HTTP Status 400 – Bad Request</title></head><body><h1>HTTP Status 400 &ndash; Bad Request</h1><p><b>Message</b> The request was rejected because the URL contained a potentially malicious String &quot;%2F&quot;</p><p>${'x'.repeat(3000)}</p></body></html>`
    const problem = describeProblem({ status: 400, contentType: 'text/html', body })
    expect(problem.message).toBe(
      'The request was rejected because the URL contained a potentially malicious String "%2F"'
    )
    expect(problem.detail).toContain(
      'HTTP Status 400 – Bad Request\nHTTP Status 400 – Bad Request\n'
    )
    expect(problem.detail).toContain('URL contained a potentially malicious String "%2F"')
    expect(problem.detail).toHaveLength(2000)
  })

  it('HTML without a Message line: the title', () => {
    const body = '<html><head><title>HTTP Status 404 – Not Found</title></head><body></body></html>'
    expect(describeProblem({ status: 404, contentType: 'text/html', body }).message).toBe(
      'HTTP Status 404 – Not Found'
    )
  })

  it('plain text: first line, the rest as detail', () => {
    expect(describeProblem({ status: 500, body: '\n  Upstream error\nat line 2\n' })).toEqual({
      message: 'Upstream error',
      detail: 'Upstream error\nat line 2'
    })
  })

  it('empty body: status text from the server, else the standard reason', () => {
    expect(describeProblem({ status: 503, statusText: 'Down for maintenance', body: '' })).toEqual({
      message: '503 Down for maintenance'
    })
    expect(describeProblem({ status: 503, body: '  ' })).toEqual({
      message: '503 Service Unavailable'
    })
    expect(describeProblem({ status: 599, body: '' })).toEqual({ message: 'HTTP 599' })
  })

  it('401: the WWW-Authenticate reason wins over a body', () => {
    const problem = describeProblem({
      status: 401,
      wwwAuthenticate:
        'Bearer error="invalid_token", error_description="Jwt expired at 2026-01-01T00:00:00Z"',
      body: '{"title":"Unauthorized","detail":"Full authentication is required"}'
    })
    expect(problem).toEqual({
      message: 'Jwt expired at 2026-01-01T00:00:00Z',
      detail: 'Full authentication is required'
    })
  })

  it('403 with only a challenge header uses it', () => {
    expect(
      describeProblem({
        status: 403,
        wwwAuthenticate: 'Bearer error="insufficient_scope"',
        body: ''
      })
    ).toEqual({ message: 'insufficient_scope' })
  })

  it('caps the message length', () => {
    const problem = describeProblem({
      status: 400,
      body: JSON.stringify({ title: 'y'.repeat(1000) })
    })
    expect(problem.message).toHaveLength(300)
  })
})

describe('helpers', () => {
  it('parseAuthChallenge', () => {
    expect(parseAuthChallenge(undefined)).toBeUndefined()
    expect(parseAuthChallenge('Bearer')).toBeUndefined()
    expect(parseAuthChallenge('Bearer realm="flowx"')).toBeUndefined()
    expect(parseAuthChallenge('Bearer error=invalid_token')).toBe('invalid_token')
    expect(parseAuthChallenge('Bearer error_description="say \\"hi\\"", error="x"')).toBe(
      'say "hi"'
    )
  })

  it('htmlToText drops scripts, styles and comments and decodes entities', () => {
    expect(
      htmlToText(
        '<style>a{}</style><!-- c --><p>A &amp; B &#233; &#x41;</p><script>x()</script><div>C</div>'
      )
    ).toBe('A & B é A\nC')
  })

  it('statusLine', () => {
    expect(statusLine(404)).toBe('404 Not Found')
    expect(statusLine(404, 'Nope')).toBe('404 Nope')
  })
})
