/** The runtime routes, checked in the order of flowx-api.md §e.3 (Spring's filter order). */
import { authenticate } from './auth'
import { applyIngressFaults, chooseStartFault, headerFault, sendStartSuccess } from './faults'
import { sendBadRequestPage, send, sendJson, sendNginx, sendProblem, type Ctx } from './http'
import {
  decodeSegments,
  firewallRejection,
  matchRuntimeRoute,
  startProcessName,
  type RouteName
} from './path'
import {
  buildInfo,
  checkStart,
  createInstance,
  resolveActiveBuild,
  resolveByBuild,
  type Principal,
  type Resolution
} from './resolve'

const NOT_FOUND = 'Entity not found.'
const BUILD_ENTITY = {
  errorKey: 'error.entity.not_found',
  entityName: 'ai.flowx.runtime.build.Build'
}

/** Answer a request under the runtime mount; `offset` skips the /rtm prefix when present. */
export async function handleRuntime(ctx: Ctx, offset: number): Promise<void> {
  const { state } = ctx
  // 1. Firewall, on the raw path before anything is decoded.
  const rejection = firewallRejection(ctx.rawPath, state.options.strictRawBrackets)
  if (rejection) return sendBadRequestPage(ctx, rejection)
  const decoded = decodeSegments(ctx.rawSegments)
  if (!decoded) return sendBadRequestPage(ctx, 'Invalid URI: invalid percent-encoding')
  const segments = decoded.slice(offset)

  // Faults stand for the ingress and the network, so they act before any check of the service.
  const processName = startProcessName(segments)
  if (processName !== undefined) {
    const fromHeader = headerFault(ctx)
    if (fromHeader === 'unknown') {
      return sendProblem(ctx, 400, 'Bad Request', 'Unknown X-Mock-Fault name.')
    }
    ctx.fault = chooseStartFault(state, processName, fromHeader)
    if (await applyIngressFaults(ctx)) return
  }

  // 2. Authentication: 401 with an empty body and the RFC 6750 challenge.
  const auth = authenticate(state, ctx.req.headers.authorization)
  if (!auth.ok) return send(ctx, 401, { 'WWW-Authenticate': auth.challenge })

  // 3. Route matching.
  const match = matchRuntimeRoute(ctx.method, segments, state.options.apiGeneration ?? 5)
  if (match.kind === 'none') {
    return sendProblem(ctx, 404, 'Not Found', `No endpoint ${ctx.method} ${ctx.rawPath}.`)
  }
  if (match.kind === 'wrong-method') {
    return sendProblem(
      ctx,
      405,
      'Method Not Allowed',
      `Request method '${ctx.method}' is not supported.`,
      { headers: { Allow: match.allow.join(', ') } }
    )
  }
  const { name, params } = match.route
  if (name === 'start-build' || name === 'start-wks') return start(ctx, name, params, auth.who)
  return info(ctx, name, params, auth.who)
}

/** application/json or any application/*+json, parameters allowed. */
function isJsonType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[^/]+\+json$/.test(type)
}

type BodyParse = { ok: true; value: Record<string, unknown> } | { ok: false; detail: string }

/** The start body: a JSON object; an empty body counts as {}. */
function parseStartBody(body: Buffer): BodyParse {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body)
  } catch {
    return { ok: false, detail: 'Failed to read request: the body is not valid UTF-8.' }
  }
  if (text.trim() === '') return { ok: true, value: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, detail: `JSON parse error: ${(error as Error).message}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, detail: 'Failed to read request: the body must be a JSON object.' }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

function start(
  ctx: Ctx,
  name: 'start-build' | 'start-wks',
  params: Record<string, string>,
  who: Principal
): void {
  const { fixture, options } = ctx.state
  const { appId = '', buildId = '', wks = '', name: processName = '' } = params

  // 4. Headers.
  const type = ctx.req.headers['content-type']
  if (!isJsonType(type)) {
    const shown = type ?? 'application/octet-stream'
    return sendProblem(
      ctx,
      415,
      'Unsupported Media Type',
      `Content-Type '${shown}' is not supported.`
    )
  }
  if (
    name === 'start-build' &&
    options.requirePlatformHeader &&
    !ctx.req.headers['flowx-platform']
  ) {
    const detail =
      "Required request header 'Flowx-Platform' for method parameter type String is not present"
    return sendProblem(ctx, 400, 'Bad Request', detail)
  }

  // 5. Body: the 1 MB limit belongs to the ingress, hence its HTML page.
  if (ctx.tooLarge) return sendNginx(ctx, 413)
  const body = parseStartBody(ctx.body)
  if (!body.ok) return sendProblem(ctx, 400, 'Bad Request', body.detail)

  // 6. Resolution of the build.
  const resolution: Resolution =
    name === 'start-build'
      ? resolveByBuild(fixture, appId, buildId)
      : resolveActiveBuild(fixture, wks, appId, who)
  if (!resolution.ok) {
    return sendProblem(ctx, 404, NOT_FOUND, resolution.detail, { legacy: BUILD_ENTITY })
  }
  const { build } = resolution.at

  // 7. Authorisation: the process's role, or the role every start needs.
  const process = build.processes.find((p) => p.name === processName)
  const role = process?.requiredRole ?? fixture.defaultRequiredRole
  if (role && !who.roles.includes(role)) return sendProblem(ctx, 403, 'Forbidden')

  // 8. The process definition.
  if (!process) {
    return sendProblem(
      ctx,
      404,
      'Process definition not found.',
      `Process definition ${processName} not found in build ${build.id}`,
      {
        legacy: {
          errorKey: 'error.validation.process_definition.not_found',
          entityName: 'ai.flowx.process.definition.domain.ProcessDefinition'
        }
      }
    )
  }
  const refusal = checkStart(process, body.value)
  if (refusal) {
    // The documented 4.x sample has no detail; keep the legacy body exactly like it.
    const detail = options.legacyErrors ? undefined : refusal.detail
    return sendProblem(ctx, 400, refusal.title, detail, { legacy: refusal.legacy })
  }

  // 9. Success.
  sendStartSuccess(ctx, createInstance(ctx.state, resolution.at, process))
}

function info(
  ctx: Ctx,
  name: Exclude<RouteName, 'start-build' | 'start-wks'>,
  params: Record<string, string>,
  who: Principal
): void {
  const { fixture, instances } = ctx.state
  if (name === 'info-instance') {
    const instance = instances.get(params.uuid ?? '')
    if (!instance) {
      const detail = `Process instance ${params.uuid} not found`
      return sendProblem(ctx, 404, NOT_FOUND, detail)
    }
    const { workspaceId, applicationId, buildId } = instance
    return sendJson(ctx, 200, buildInfo(fixture, { workspaceId, applicationId, buildId }))
  }
  const workspaceId = name === 'info-wks' ? params.wks : undefined
  const resolution = resolveActiveBuild(fixture, workspaceId, params.appId ?? '', who)
  if (!resolution.ok) {
    return sendProblem(ctx, 404, NOT_FOUND, resolution.detail, { legacy: BUILD_ENTITY })
  }
  const { workspace, app, build } = resolution.at
  sendJson(
    ctx,
    200,
    buildInfo(fixture, { workspaceId: workspace.id, applicationId: app.id, buildId: build.id })
  )
}
