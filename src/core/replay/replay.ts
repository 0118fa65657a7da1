/**
 * Replaying a launch from the ledger (DESIGN.md §8), three ways:
 * - exact: the same bytes to the same target;
 * - fresh: the same template re-resolved (new `$uuid`s and timestamps; other values kept);
 * - to-profile: ids remapped through the other profile's default ids and variables, the template
 *   re-resolved there.
 * The plan shows URL and payload old → new and which values changed; sending it still goes through
 * the launch service (protected confirmation, duplicate guard).
 */
import type { LaunchContext, LaunchRecord, StartTarget } from '../../shared/domain'
import { AppFailure } from '../../shared/errors'
import type { BuiltinSource } from '../../shared/templates'
import type { ChangedVariable, ReplayMode, ReplayPlan, SavedTarget } from '../../shared/workbench'
import type { Ledger } from '../history'
import type { ProfileService } from '../profiles/profile-service'
import type { StoredProfile } from '../profiles/profile-store'
import { prepareLaunch, startTargetOf } from '../workbench/prepare'

export interface ReplayInput {
  /** A ledger id or an instance uuid. */
  id: string
  mode: ReplayMode
  /** to-profile: where to send it. */
  profileId?: string
  overrides?: Record<string, string>
  prompts?: Record<string, string>
  builtins?: BuiltinSource
}

export interface PlannedReplay {
  plan: ReplayPlan
  record: LaunchRecord
  /** Ready to send when there is no problem. */
  send?: { profileId: string; target: StartTarget; payload: string; context: LaunchContext }
}

const ID_FIELDS = ['workspaceId', 'appId', 'buildId'] as const

/** The ledger record for a launch id or an instance uuid. */
export async function findLaunch(
  ledger: Pick<Ledger, 'get' | 'findByInstanceUuid'>,
  id: string
): Promise<LaunchRecord> {
  const byId = await ledger.get(id)
  if (byId) return byId
  const byUuid = await ledger.findByInstanceUuid(id)
  if (byUuid.length > 0) return byUuid[0]
  throw new AppFailure(
    'RECORD_NOT_FOUND',
    `No launch in the history has the id or instance uuid ${id}.`
  )
}

function recordTarget(record: LaunchRecord): SavedTarget {
  return {
    mode: record.mode,
    workspaceId: record.workspaceId ?? '',
    appId: record.appId,
    buildId: record.buildId ?? '',
    processName: record.processName
  }
}

/**
 * Ids of `target` swapped for `to`'s: an id equal to the old profile's default becomes the new
 * default; one equal to a variable's value (in the old profile or the launch) becomes the new
 * profile's value of that variable.
 */
export function remapTarget(
  target: SavedTarget,
  from: StoredProfile | undefined,
  to: StoredProfile,
  used: Record<string, string>
): { target: SavedTarget; remapped: ChangedVariable[] } {
  const next = { ...target }
  const remapped: ChangedVariable[] = []
  for (const field of ID_FIELDS) {
    const old = target[field]
    if (old === '') continue
    let value: string | undefined
    if (from && from.defaults[field] === old && to.defaults[field]) value = to.defaults[field]
    if (value === undefined) {
      const names = [...Object.entries(from?.variables ?? {}), ...Object.entries(used)]
        .filter(([, v]) => v === old)
        .map(([k]) => k)
      const name = names.find(
        (n) => to.variables[n] !== undefined || (ID_FIELDS as readonly string[]).includes(n)
      )
      if (name !== undefined)
        value = to.variables[name] ?? to.defaults[name as (typeof ID_FIELDS)[number]] ?? undefined
    }
    if (value === undefined && !from && to.defaults[field]) value = to.defaults[field]
    if (value && value !== old) {
      next[field] = value
      remapped.push({ name: field, before: old, after: value })
    }
  }
  return { target: next, remapped }
}

/** Variables both profiles have with different values (at least 3 characters, to be specific). */
function variableSwaps(from: StoredProfile | undefined, to: StoredProfile): ChangedVariable[] {
  if (!from) return []
  return Object.entries(from.variables)
    .filter(([name, value]) => value.length >= 3 && to.variables[name] !== undefined)
    .filter(([name, value]) => to.variables[name] !== value)
    .map(([name, value]) => ({ name, before: value, after: to.variables[name] }))
}

/** Replace whole JSON string values equal to an old id with the new one (literal payloads). */
function remapPayloadIds(payload: string, remapped: ChangedVariable[]): string {
  let out = payload
  for (const { before, after } of remapped) {
    if (!before || !after) continue
    out = out.split(JSON.stringify(before)).join(JSON.stringify(after))
  }
  return out
}

/** The values the replay uses that differ from (or were not in) the original's. */
function changed(before: Record<string, string>, after: Record<string, string>): ChangedVariable[] {
  return Object.keys(after)
    .filter((n) => before[n] !== after[n])
    .map((n) => ({
      name: n,
      ...(before[n] !== undefined ? { before: before[n] } : {}),
      after: after[n]
    }))
}

/** What a replay would send, beside what the original sent. */
export async function planReplay(
  deps: { ledger: Pick<Ledger, 'get' | 'findByInstanceUuid'>; profiles: ProfileService },
  input: ReplayInput
): Promise<PlannedReplay> {
  const record = await findLaunch(deps.ledger, input.id)
  const source = deps.profiles.list().find((p) => p.id === record.profileId)
  const targetId = input.mode === 'to-profile' ? input.profileId : record.profileId
  if (input.mode === 'to-profile' && !input.profileId) {
    throw new AppFailure('INVALID_INPUT', 'Choose the profile to replay the launch on.')
  }
  if (!source && input.mode !== 'to-profile') {
    throw new AppFailure(
      'PROFILE_NOT_FOUND',
      `The profile “${record.profileName}” of this launch no longer exists.`,
      {
        hint: 'Replay it to another profile instead.'
      }
    )
  }
  const profile = deps.profiles.get(targetId as string)
  const oldValues = record.variables ?? {}
  const before = {
    profileId: record.profileId,
    profileName: record.profileName,
    url: `${record.baseUrl}${record.path}`,
    payload: record.payload
  }
  const context: LaunchContext = {
    ...(record.savedLaunch ? { savedLaunch: record.savedLaunch } : {}),
    ...(record.ticket ? { ticket: record.ticket } : {}),
    ...(record.note ? { note: record.note } : {}),
    replayOf: record.id
  }

  let target = recordTarget(record)
  let remapped: ChangedVariable[] = []
  let payloadTemplate = record.template ?? record.payload
  if (input.mode === 'to-profile') {
    const from = source ? deps.profiles.get(source.id) : undefined
    ;({ target, remapped } = remapTarget(target, from, profile, oldValues))
    // Values written out in the payload that were the old profile's variables (a customer id
    // typed in, not templated) become the new profile's values of the same variables.
    const valueSwaps = variableSwaps(from, profile).filter((swap) =>
      payloadTemplate.includes(JSON.stringify(swap.before))
    )
    payloadTemplate = remapPayloadIds(payloadTemplate, [...remapped, ...valueSwaps])
    remapped = [...remapped, ...valueSwaps]
  }

  if (input.mode === 'exact') {
    const url = `${profile.baseUrl.replace(/\/+$/, '')}${record.path}`
    return {
      record,
      plan: {
        mode: 'exact',
        sourceId: record.id,
        before,
        after: {
          profileId: profile.id,
          profileName: profile.name,
          protected: profile.protected,
          url,
          target,
          payload: record.payload
        },
        remapped: [],
        changedVariables: [],
        urlChanged: url !== before.url,
        payloadChanged: false
      },
      send: {
        profileId: profile.id,
        target: startTargetOf(target),
        payload: record.payload,
        context: {
          ...context,
          ...(record.template ? { template: record.template } : {}),
          ...(record.variables ? { variables: record.variables } : {})
        }
      }
    }
  }

  // Values that were not generated are kept (a --var, a prompt answer, a saved default); to
  // another profile, that profile's own values win over them.
  const kept = Object.fromEntries(
    Object.entries(oldValues).filter(([n]) => !n.startsWith('$') && !n.startsWith('?'))
  )
  const keptPrompts = Object.fromEntries(
    Object.entries(oldValues)
      .filter(([n]) => n.startsWith('?'))
      .map(([n, v]) => [n.slice(1), v])
  )
  const prepared = await prepareLaunch(
    {},
    input.mode === 'to-profile'
      ? { ...profile, variables: { ...kept, ...profile.variables } }
      : profile,
    {
      target,
      payload: payloadTemplate,
      ...(input.mode === 'fresh' ? { defaults: kept } : {}),
      overrides: input.overrides,
      prompts: { ...keptPrompts, ...input.prompts },
      builtins: input.builtins
    }
  )
  const { preview } = prepared
  const newValues = Object.fromEntries(preview.variables.map((v) => [v.name, v.value]))
  const plan: ReplayPlan = {
    mode: input.mode,
    sourceId: record.id,
    before,
    after: {
      profileId: profile.id,
      profileName: profile.name,
      protected: profile.protected,
      url: preview.url,
      target: preview.target,
      payload: preview.payload
    },
    remapped,
    changedVariables: changed(oldValues, newValues),
    urlChanged: preview.url !== before.url,
    payloadChanged: preview.payload !== before.payload,
    ...(preview.problem ? { problem: preview.problem } : {})
  }
  return {
    record,
    plan,
    ...(prepared.target
      ? {
          send: {
            profileId: profile.id,
            target: prepared.target,
            payload: preview.payload,
            context: {
              ...context,
              ...prepared.context,
              ...(record.template ? { template: payloadTemplate } : {})
            }
          }
        }
      : {})
  }
}
