import { describe, expect, it } from 'vitest'

import { describePlaceholder, inspectTemplate, previewTarget } from './template-lint'

const scope = {
  overrides: { customerId: '42' },
  savedDefaults: { email: 'alice@example.com', customerId: '7' },
  profileVariables: { region: 'eu', nested: 'c-{{customerId}}' },
  profileDefaults: { appId: 'app-1' }
}

describe('inspectTemplate', () => {
  it('gives each placeholder its value and source in resolution order', () => {
    const text = '{ "c": {{customerId}}, "e": "{{email}}", "r": "{{region}}", "a": "{{appId}}" }'
    const { placeholders, issues } = inspectTemplate(text, scope)
    expect(issues).toEqual([])
    expect(placeholders.map((p) => [p.name, p.value, p.source])).toEqual([
      ['customerId', '42', 'override'],
      ['email', 'alice@example.com', 'saved'],
      ['region', 'eu', 'profile'],
      ['appId', 'app-1', 'profile-default']
    ])
  })

  it('warns, without blocking, of a value outside quotes that is not JSON', () => {
    const text = '{ "r": {{region}}, "c": {{customerId}}, "q": "{{region}}", "u": {{$uuid}} }'
    const { issues, warnings } = inspectTemplate(text, scope)
    expect(issues).toEqual([])
    // Only the bare {{region}}: 42 is a number, the quoted one is text by intent, a built-in is new
    // each time.
    expect(warnings).toHaveLength(1)
    expect(text.slice(warnings[0].from, warnings[0].to)).toBe('{{region}}')
    expect(warnings[0].from).toBe(text.indexOf('{{region}}'))
    expect(warnings[0].message).toBe(
      '{{region}} is outside quotes but “eu” is not a number, true, false, null or JSON: it is sent as a string. Quote the placeholder if text is meant.'
    )
    expect(inspectTemplate('{{region}}', scope, false).warnings).toEqual([])
  })

  it('resolves variables that refer to other variables', () => {
    const { placeholders } = inspectTemplate('{ "n": "{{nested}}" }', scope)
    expect(placeholders[0]).toMatchObject({ value: 'c-42', source: 'profile' })
  })

  it('names an unknown variable at its place', () => {
    const text = '{ "x": "{{nope}}" }'
    const { issues } = inspectTemplate(text, scope)
    expect(issues).toHaveLength(1)
    expect(issues[0].message).toMatch(/Unknown variable \{\{nope\}\}/)
    expect(text.slice(issues[0].from, issues[0].to)).toBe('{{nope}}')
  })

  it('reports an unterminated placeholder', () => {
    const { issues } = inspectTemplate('{ "x": "{{email" }', scope)
    expect(issues[0].message).toMatch(/never closed/)
  })

  it('suggests the built-in a typo meant', () => {
    const { issues } = inspectTemplate('{ "x": "{{$uuidd}}" }', scope)
    expect(issues[0].message).toMatch(/did you mean \{\{\$uuid\}\}/)
  })

  it('shows an example for built-ins and treats prompts as asked later', () => {
    const { placeholders, issues } = inspectTemplate(
      '{ "id": "{{$uuid}}", "c": {{?Customer}} }',
      {}
    )
    expect(issues).toEqual([])
    expect(placeholders[0].source).toBe('builtin')
    expect(placeholders[0].value).toMatch(/^[0-9a-f-]{36}$/)
    expect(describePlaceholder(placeholders[1])).toBe('Asked when you send: “Customer”')
  })

  it('finds JSON that is invalid once resolved and points into the template', () => {
    // A bare object value followed by a missing comma.
    const text = '{\n  "c": {{customerId}}\n  "d": 1\n}'
    const { issues } = inspectTemplate(text, scope)
    expect(issues).toHaveLength(1)
    expect(issues[0].message).toMatch(/^Once resolved, the payload is invalid\. .*line 3/)
    expect(text.slice(issues[0].from, issues[0].from + 3)).toBe('"d"')
  })

  it('checks plain JSON without placeholders as before', () => {
    expect(inspectTemplate('{ "a": 1 }', {}).issues).toEqual([])
    expect(inspectTemplate('{ "a": 1, }', {}).issues[0].message).toMatch(/trailing comma/)
  })

  it('checks plain text fields without JSON rules', () => {
    expect(inspectTemplate('{{region}}-app', scope, false).issues).toEqual([])
    expect(inspectTemplate('{{gone}}', scope, false).issues[0].message).toMatch(/Unknown variable/)
  })
})

describe('previewTarget', () => {
  it('fills the variables that have a value and leaves the rest as written', () => {
    const target = {
      mode: 'workspace',
      workspaceId: '{{workspaceId}}',
      appId: '{{nope}}',
      processName: 'p-{{region}}'
    }
    expect(
      previewTarget(target, {
        profileDefaults: { workspaceId: 'w-1' },
        profileVariables: { region: 'eu' }
      })
    ).toEqual({
      mode: 'workspace',
      workspaceId: 'w-1',
      appId: '{{nope}}',
      processName: 'p-eu'
    })
  })
})
