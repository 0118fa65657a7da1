import { describe, expect, it } from 'vitest'

import { describeOffset, scanTemplate } from './scan'

describe('scanTemplate', () => {
  it('finds variables, built-ins and prompts with their offsets and string context', () => {
    const text =
      '{"id": "{{customerId}}", "n": {{ count }}, "at": "t-{{$uuid}}", "c": "{{?Customer id}}"}'
    const { placeholders, errors } = scanTemplate(text)
    expect(errors).toEqual([])
    expect(placeholders.map((p) => [p.kind, p.name, p.inString, text.slice(p.from, p.to)])).toEqual(
      [
        ['variable', 'customerId', true, '{{customerId}}'],
        ['variable', 'count', false, '{{ count }}'],
        ['builtin', '$uuid', true, '{{$uuid}}'],
        ['prompt', '?Customer id', true, '{{?Customer id}}']
      ]
    )
  })

  it('is not fooled by escaped quotes inside strings', () => {
    const { placeholders } = scanTemplate('{"a": "say \\"hi\\" {{x}}", "b": {{y}}}')
    expect(placeholders.map((p) => [p.name, p.inString])).toEqual([
      ['x', true],
      ['y', false]
    ])
  })

  it('treats a brace before a placeholder as JSON: {{{x}}}', () => {
    const { placeholders, errors } = scanTemplate('[{{{x}}: 1}]', false)
    expect(errors).toEqual([])
    expect(placeholders.map((p) => [p.name, p.from])).toEqual([['x', 2]])
  })

  it('reports an unterminated {{ with its offset and line', () => {
    const text = '{\n  "a": "{{name"\n}'
    const { errors } = scanTemplate(text)
    expect(errors).toEqual([
      {
        from: 10,
        to: 12,
        message: 'the placeholder opened at line 2, column 9 is never closed with }}'
      }
    ])
  })

  it('keeps scanning after an error, so the editor can show every problem', () => {
    const { placeholders, errors } = scanTemplate('{{bad name}} {{ok}} {{}} {{$9}} {{?}}', false)
    expect(placeholders.map((p) => p.name)).toEqual(['ok'])
    expect(errors.map((e) => e.message)).toEqual([
      '{{bad name}} is not a variable name (letters, digits, _ - . and a letter or _ first)',
      'an empty placeholder {{}}: write a variable name inside the braces',
      '{{$9}} is not a built-in name',
      'the prompt {{?}} needs a label of at most 80 characters without quotes, backslashes or braces'
    ])
  })

  it('describes offsets as 1-based lines and columns', () => {
    expect(describeOffset('ab\ncd\nef', 0)).toBe('line 1, column 1')
    expect(describeOffset('ab\ncd\nef', 4)).toBe('line 2, column 2')
    expect(describeOffset('ab\ncd\nef', 6)).toBe('line 3, column 1')
  })
})
