/**
 * The items of "Check connection" judged from the probe of the base URL and the profile itself:
 * runtime reachable, certificate, clock, default ids.
 */
import type { HealthItem } from '../../shared/domain'
import { FlowxId } from '../../shared/schemas'
import type { StoredProfile } from './profile-store'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Beyond this a token may look expired to one side and valid to the other. */
const SKEW_WARN_SEC = 30
const SKEW_FAIL_SEC = 300

export interface Probe {
  status?: number
  location?: string
  /** Server clock minus ours, seconds, from the Date header. */
  skewSec?: number
  ms: number
  failure?: { code: string; message: string }
}

export function item(
  key: HealthItem['key'],
  status: HealthItem['status'],
  title: string,
  detail: string
): HealthItem {
  return { key, status, title, detail }
}

export function tlsItem(profile: StoredProfile, url: string, reached: Probe): HealthItem {
  if (new URL(url).protocol === 'http:') {
    return item(
      'tls',
      'skip',
      'Certificate',
      'Plain http on this computer: no certificate involved.'
    )
  }
  if (reached.failure?.code === 'TLS')
    return item('tls', 'fail', 'Certificate', reached.failure.message)
  if (reached.failure)
    return item('tls', 'skip', 'Certificate', 'Not checked: the server was not reached.')
  if (profile.tls.allowUntrusted) {
    return item(
      'tls',
      'warn',
      'Certificate',
      'Not verified: this profile allows untrusted certificates (dev only).'
    )
  }
  return item(
    'tls',
    'ok',
    'Certificate',
    profile.tls.customCa.trim() ? "Trusted through this profile's own CA." : 'Trusted.'
  )
}

export function clockItem(skewSec: number | undefined): HealthItem {
  if (skewSec === undefined)
    return item('clock', 'skip', 'Clock', 'The server sent no Date header to compare with.')
  const size = Math.abs(skewSec)
  const side = skewSec > 0 ? 'behind' : 'ahead of'
  const text =
    size < 2
      ? 'This computer’s clock agrees with the server’s.'
      : `This computer’s clock is ${formatSeconds(size)} ${side} the server’s.`
  if (size >= SKEW_FAIL_SEC)
    return item(
      'clock',
      'fail',
      'Clock',
      `${text} Tokens will look expired or not yet valid; set the clock automatically.`
    )
  if (size >= SKEW_WARN_SEC)
    return item('clock', 'warn', 'Clock', `${text} Token countdowns may be off by that much.`)
  return item('clock', 'ok', 'Clock', text)
}

export function formatSeconds(sec: number): string {
  if (sec < 120) return `${sec} s`
  if (sec < 7200) return `${Math.round(sec / 60)} min`
  return `${Math.round(sec / 3600)} h`
}

export function idsItem(profile: StoredProfile): HealthItem {
  const fields: Array<[string, string]> = [
    ['workspace id', profile.defaults.workspaceId],
    ['app id', profile.defaults.appId],
    ['build id', profile.defaults.buildId]
  ]
  const bad = fields.filter(([, v]) => v !== '' && !FlowxId.safeParse(v).success).map(([n]) => n)
  if (bad.length)
    return item(
      'ids',
      'fail',
      'Default ids',
      `The default ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} not well formed.`
    )
  const notUuid = fields.filter(([, v]) => v !== '' && !UUID.test(v)).map(([n]) => n)
  const missing = fields.filter(([, v]) => v === '').map(([n]) => n)
  if (notUuid.length)
    return item(
      'ids',
      'warn',
      'Default ids',
      `The default ${notUuid.join(', ')} ${notUuid.length > 1 ? 'are' : 'is'} not a UUID; FlowX ids normally are.`
    )
  if (missing.length === fields.length)
    return item('ids', 'warn', 'Default ids', 'No default ids: every launch needs them typed in.')
  if (missing.length)
    return item(
      'ids',
      'ok',
      'Default ids',
      `Well formed. No default ${missing.join(', ')}: it is typed per launch.`
    )
  return item('ids', 'ok', 'Default ids', 'Workspace, app and build ids are well formed.')
}

/** Reachable is all a bare GET of the base URL proves; a redirect means it is not the runtime. */
export function runtimeItem(baseUrl: string, reached: Probe): HealthItem {
  if (reached.failure)
    return item('base-url', 'fail', 'Runtime', `${baseUrl}: ${reached.failure.message}`)
  const status = reached.status ?? 0
  if (status >= 300 && status < 400) {
    const where = reached.location ? ` to ${reached.location.split('?')[0]}` : ''
    return item(
      'base-url',
      'fail',
      'Runtime',
      `${baseUrl} redirects${where}: it is probably not the FlowX runtime base (it normally ends in /rtm), or a login page stands in front of it.`
    )
  }
  if (status >= 500) {
    return item(
      'base-url',
      'warn',
      'Runtime',
      `${baseUrl} is reachable, but answered HTTP ${status}: the runtime behind it may be down.`
    )
  }
  return item('base-url', 'ok', 'Runtime', `${baseUrl} is reachable (${reached.ms} ms).`)
}
