import { describe, expect, it } from 'vitest'

import { looksLikeCurlOrStartUrl } from './curl-paste'

describe('looksLikeCurlOrStartUrl', () => {
  it('recognises cURL commands and start URLs', () => {
    expect(
      looksLikeCurlOrStartUrl(
        "curl 'https://x/rtm/api/runtime/wks/w/app/a/process-name/p/start' \\\n  -H 'a: b'"
      )
    ).toBe(true)
    expect(looksLikeCurlOrStartUrl('curl.exe -X POST https://x')).toBe(true)
    expect(
      looksLikeCurlOrStartUrl(
        'https://admin.example.com/rtm/api/runtime/app/a/build/b/process-name/onboarding/start'
      )
    ).toBe(true)
  })

  it('leaves ordinary text and JSON alone', () => {
    expect(looksLikeCurlOrStartUrl('{ "curl": 1 }')).toBe(false)
    expect(looksLikeCurlOrStartUrl('3f1c2a9e-1111-4222-8333-944455556666')).toBe(false)
    expect(looksLikeCurlOrStartUrl('https://example.com/docs')).toBe(false)
    expect(looksLikeCurlOrStartUrl('curly braces')).toBe(false)
  })
})
