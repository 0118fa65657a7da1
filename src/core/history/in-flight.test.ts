import { describe, expect, it } from 'vitest'

import type { LaunchRecord } from '../../shared/domain'
import { InFlight } from './in-flight'

function record(id: string, payloadChars: number): LaunchRecord {
  return {
    id,
    startedAt: '2025-01-01T00:00:00.000Z',
    status: 'pending',
    profileId: 'dev',
    profileName: 'Dev',
    profileColor: 'blue',
    mode: 'build',
    appId: 'app',
    processName: 'p',
    baseUrl: 'https://h',
    path: '/p',
    payload: 'x'.repeat(payloadChars),
    tlsVerification: 'on'
  }
}

describe('launches in flight', () => {
  it('gives a record back once, for the row it was stored as', () => {
    const kept = new InFlight()
    kept.add('a', 7, record('a', 10))
    expect(kept.take('a')).toEqual({ seq: 7, record: record('a', 10) })
    expect(kept.take('a')).toBeUndefined()
    expect(kept.take('never')).toBeUndefined()
  })

  it('lets the oldest go when too many never complete', () => {
    const kept = new InFlight()
    for (let n = 0; n < 5000; n++) kept.add(`l${n}`, n, record(`l${n}`, 10))
    expect(kept.size).toBe(4096)
    expect(kept.take('l0')).toBeUndefined()
    expect(kept.take('l4999')?.seq).toBe(4999)
  })

  it('keeps at most about 32 MB of payloads, and never one larger than that', () => {
    const kept = new InFlight()
    for (let n = 0; n < 40; n++) kept.add(`big${n}`, n, record(`big${n}`, 1024 * 1024))
    expect(kept.size).toBeLessThanOrEqual(32)
    expect(kept.take('big39')?.seq).toBe(39)
    expect(kept.take('big0')).toBeUndefined()
    kept.add('huge', 99, record('huge', 33 * 1024 * 1024))
    expect(kept.take('huge')).toBeUndefined()
  })
})
