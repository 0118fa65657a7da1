/** The runtime's domain rules: build resolution, start validation, instances and build info. */
import { randomUUID } from 'node:crypto'

import type { LegacyFields } from './problems'
import type { SandboxState } from './state'
import type {
  FixtureApp,
  FixtureBuild,
  FixtureProcess,
  FixtureWorkspace,
  SandboxFixture
} from './types'

/** Who is calling, from the verified token. */
export interface Principal {
  sub: string
  roles: string[]
  groups: string[]
}

/** A build with the app and workspace it belongs to. */
export interface Located {
  workspace: FixtureWorkspace
  app: FixtureApp
  build: FixtureBuild
}

export type Resolution = { ok: true; at: Located } | { ok: false; detail: string }

/** Route 1: the build must exist and belong to the app; the workspace comes from the build. */
export function resolveByBuild(
  fixture: SandboxFixture,
  appId: string,
  buildId: string
): Resolution {
  for (const workspace of fixture.workspaces) {
    for (const app of workspace.apps) {
      const build = app.builds.find((b) => b.id === buildId)
      if (build && app.id === appId) return { ok: true, at: { workspace, app, build } }
    }
  }
  return { ok: false, detail: `Build ${buildId} does not belong to application ${appId}` }
}

/**
 * Routes 2 and 3: the active build of an app in a workspace (or in whichever workspace holds the
 * app, for the 4.x build-info form). A user override (by sub, then by group) beats the active policy.
 */
export function resolveActiveBuild(
  fixture: SandboxFixture,
  workspaceId: string | undefined,
  appId: string,
  who: Principal
): Resolution {
  const workspace =
    workspaceId === undefined
      ? fixture.workspaces.find((w) => w.apps.some((a) => a.id === appId))
      : fixture.workspaces.find((w) => w.id === workspaceId)
  const app = workspace?.apps.find((a) => a.id === appId)
  if (!workspace || !app) {
    const where = workspaceId === undefined ? '' : ` in workspace ${workspaceId}`
    return { ok: false, detail: `Application ${appId} not found${where}` }
  }
  const override =
    app.overrides.find((o) => o.sub !== undefined && o.sub === who.sub) ??
    app.overrides.find((o) => o.group !== undefined && who.groups.includes(o.group))
  const buildId = override?.buildId ?? app.activePolicy?.buildId
  const build = app.builds.find((b) => b.id === buildId)
  if (!build) {
    return {
      ok: false,
      detail: `No active build found for application ${appId} in workspace ${workspace.id}`
    }
  }
  return { ok: true, at: { workspace, app, build } }
}

/** A start that the process definition refuses. */
export interface StartProblem {
  title: string
  detail?: string
  legacy: LegacyFields
}

const PROCESS_ENTITY = 'ai.flowx.process.definition.domain.ProcessDefinition'
const NODE_ENTITY = 'ai.flowx.process.definition.domain.NodeDefinition'

/** Step 8 of flowx-api.md §e.3: mandatory params, then start conditions. */
export function checkStart(
  process: FixtureProcess,
  body: Record<string, unknown>
): StartProblem | undefined {
  const missing = (process.mandatoryParams ?? []).filter(
    (p) => body[p] === undefined || body[p] === null
  )
  if (missing.length > 0) {
    return {
      title: 'Some mandatory params are missing.',
      detail: `Missing mandatory params: ${missing.join(', ')}`,
      legacy: {
        errorKey: 'error.validation.process_instance.mandatory_params_missing',
        entityName: PROCESS_ENTITY
      }
    }
  }
  const conditions = process.startConditions ?? []
  const given = body.startCondition
  if (conditions.length > 1 && (given === undefined || given === null || given === '')) {
    return {
      title: 'Multiple start nodes found, but start condition not specified.',
      legacy: {
        errorKey: 'error.validation.process_instance.start_condition_missing',
        entityName: NODE_ENTITY
      }
    }
  }
  if (
    conditions.length > 0 &&
    given !== undefined &&
    given !== null &&
    !conditions.includes(String(given))
  ) {
    // The exact 4.x body is documented for this case (flowx-api.md §c.2).
    return {
      title: 'Start node for process definition not found.',
      legacy: {
        errorKey: 'error.validation.process_instance.start_node_for_process_def_missing',
        entityName: NODE_ENTITY
      }
    }
  }
  return undefined
}

/** A token in the start response. */
export interface StartToken {
  id: number
  state: string
  statusCurrentNode: string
  parentTokenId?: number
}

/** The start response (flowx-api.md §d.1). */
export interface StartResponse {
  processDefinitionFlowxUuid: string
  buildId: string
  buildStatusAtStart: string
  applicationId: string
  parentApplicationId: null
  rootApplicationId: null
  processDefinitionName: string
  tokens: StartToken[]
  state: string
  uuid: string
  instanceMetadata: { processInstanceId: number; processInstanceUuid?: string }
}

/** Create an instance: fresh uuid, monotonic ids, remembered for build info by instance. */
export function createInstance(
  state: SandboxState,
  at: Located,
  process: FixtureProcess
): StartResponse {
  const uuid = randomUUID()
  const templates = process.tokens ?? [{ state: 'ACTIVE', statusCurrentNode: 'ARRIVED' }]
  const ids = templates.map(() => state.allocateTokenId())
  const tokens = templates.map((t, i): StartToken => {
    const parentId = t.parent === undefined ? undefined : ids[t.parent]
    return {
      id: ids[i] as number,
      state: t.state,
      statusCurrentNode: t.statusCurrentNode,
      ...(parentId === undefined ? {} : { parentTokenId: parentId })
    }
  })
  state.instances.set(uuid, {
    uuid,
    workspaceId: at.workspace.id,
    applicationId: at.app.id,
    buildId: at.build.id
  })
  return {
    processDefinitionFlowxUuid: process.flowxUuid,
    buildId: at.build.id,
    buildStatusAtStart: at.build.status,
    applicationId: at.app.id,
    parentApplicationId: null,
    rootApplicationId: null,
    processDefinitionName: process.name,
    tokens,
    state: process.startState ?? 'STARTED',
    uuid,
    instanceMetadata: { processInstanceId: state.allocateInstanceId(), processInstanceUuid: uuid }
  }
}

/** A BuildInfoDTO (flowx-api.md §d.3). */
export function buildInfo(
  fixture: SandboxFixture,
  ids: { workspaceId: string; applicationId: string; buildId: string }
): Record<string, unknown> {
  const build = fixture.workspaces
    .flatMap((w) => w.apps)
    .flatMap((a) => a.builds)
    .find((b) => b.id === ids.buildId)
  // `status` is not in the documented DTO (flowx-api.md §d.3); the sandbox sends it so the app's
  // display of it can be seen, and the app reads it only where a server sends it.
  return {
    ...ids,
    ...(build ? { status: build.status } : {}),
    buildSettings: { ...fixture.buildSettings, ...build?.settings }
  }
}
