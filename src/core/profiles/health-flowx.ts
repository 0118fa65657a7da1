/**
 * The part of "Check connection" that asks FlowX itself: a token the identity provider issued is
 * only good if the runtime accepts it, so the check calls build info with the profile's token and
 * judges the token and the default ids by FlowX's answer (a 401/403 fails the token item with the
 * server's words; a 404 "entity not found" names the wrong id).
 */
import type { HealthItem } from '../../shared/domain'
import type { BuildInfoAnswer } from '../build-info/build-info'
import type { StoredProfile } from './profile-store'

/** Ids no FlowX entity has: enough to learn whether the runtime accepts the token (auth runs first). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

/** What the check asks build info for: the profile's default ids, or nil ids to test the token. */
export function buildInfoQuery(profile: StoredProfile): {
  workspaceId: string
  appId: string
  real: boolean
} {
  const { workspaceId, appId } = profile.defaults
  if (appId !== '') return { workspaceId, appId, real: true }
  return { workspaceId: NIL_UUID, appId: NIL_UUID, real: false }
}

function item(
  key: HealthItem['key'],
  status: HealthItem['status'],
  title: string,
  detail: string
): HealthItem {
  return { key, status, title, detail }
}

/** Did FlowX take the token? (undefined: it could not tell.) */
function accepted(answer: BuildInfoAnswer): boolean | undefined {
  if (answer.ok) return true
  if (answer.stage !== 'flowx') return undefined
  if (answer.error.code === 'UNAUTHORIZED' || answer.error.code === 'FORBIDDEN') return false
  // FlowX looked for the entity, so it had authenticated the caller first.
  if (answer.notFound !== undefined && answer.notFound !== 'route') return true
  return undefined
}

/**
 * The token item after FlowX was asked: `issued` is the item from the identity provider (or the
 * pasted token), failed or skipped items stand as they are.
 */
export function tokenVerdict(issued: HealthItem, answer: BuildInfoAnswer | undefined): HealthItem {
  if (issued.status === 'fail' || !answer) return issued
  const verdict = accepted(answer)
  const sendsNone = issued.status === 'skip'
  if (verdict === false) {
    const { message, hint } = answer.ok ? { message: '', hint: '' } : answer.error
    return item('token', 'fail', 'Token', [message, hint].filter(Boolean).join(' '))
  }
  if (verdict === true) {
    return sendsNone
      ? item('token', 'ok', 'Token', 'This profile sends no token, and FlowX answers without one.')
      : item('token', 'ok', 'Token', `${issued.detail.replace(/\.$/, '')}; FlowX accepts it.`)
  }
  const why = answer.ok ? '' : answer.error.message
  return sendsNone
    ? issued
    : item('token', 'warn', 'Token', `${issued.detail} Not confirmed by FlowX: ${why}`)
}

/** The runtime item: the base URL answered; a build-info route missing there points at the URL. */
export function runtimeVerdict(
  reached: HealthItem,
  answer: BuildInfoAnswer | undefined
): HealthItem {
  if (reached.status === 'fail' || !answer || answer.ok || answer.notFound !== 'route') {
    return reached
  }
  return item(
    'base-url',
    'warn',
    'Runtime',
    `${reached.detail} ${answer.error.message} ${answer.error.hint ?? ''}`.trim()
  )
}

/** The active build of the default ids, or why it cannot be shown. */
export function buildItem(
  profile: StoredProfile,
  answer: BuildInfoAnswer | undefined,
  real: boolean,
  notAsked = 'the runtime was not reached.'
): HealthItem {
  if (!real) {
    return item(
      'build',
      'skip',
      'Active build',
      'No default app id: the launch form shows the active build once the ids are typed.'
    )
  }
  if (!answer) return item('build', 'skip', 'Active build', `Not checked: ${notAsked}`)
  if (answer.ok) {
    const { info, via } = answer.result
    const status = info.status ? ` (${info.status})` : ''
    const version = info.buildSettings?.applicationVersionId
      ? `, version ${info.buildSettings.applicationVersionId}`
      : ''
    const legacy = via === 'app' ? ' FlowX 4.x form (by app).' : ''
    return item(
      'build',
      'ok',
      'Active build',
      `Build ${info.buildId ?? 'unknown'}${status}${version} for the default ids.${legacy}`
    )
  }
  if (answer.notFound !== undefined && answer.notFound !== 'route') {
    const { message, hint } = answer.error
    return item('build', 'fail', 'Active build', [message, hint].filter(Boolean).join(' '))
  }
  const legacyOnly = profile.defaults.workspaceId === '' && answer.notFound === 'route'
  if (legacyOnly) {
    return item(
      'build',
      'warn',
      'Active build',
      'This runtime needs a workspace id to look up the active build: set the default workspace id.'
    )
  }
  return item('build', 'skip', 'Active build', `Not checked: ${answer.error.message}`)
}
