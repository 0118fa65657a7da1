/**
 * What a start is aimed at and what FlowX answers: the start target, the process instance and its
 * tokens, build info, and the launch form draft remembered per profile. Plain data only: everything
 * here crosses IPC. `domain.ts` re-exports them.
 */

export type StartMode = 'build' | 'workspace'

/** What to start: the ids that go into the start path. */
export type StartTarget =
  | { mode: 'build'; appId: string; buildId: string; processName: string }
  | { mode: 'workspace'; workspaceId: string; appId: string; processName: string }

/** A process token as FlowX returns it in the start response. */
export interface ProcessToken {
  id: string
  state: string
  statusCurrentNode: string
  parentTokenId?: string
}

/** The instance FlowX returned, every field optional because servers differ (flowx-api.md §d.1). */
export interface ProcessInstance {
  uuid?: string
  state?: string
  processInstanceId?: string
  processDefinitionName?: string
  applicationId?: string
  buildId?: string
  buildStatusAtStart?: string
  tokens: ProcessToken[]
}

/** The build settings part of FlowX's BuildInfoDTO (flowx-api.md §d.3); servers may add fields. */
export interface BuildSettingsInfo {
  applicationVersionId?: string
  platforms?: string
  themeId?: string
  defaultLanguageCode?: string
  dateDisplayFormat?: { format?: string }
  numberDisplayFormat?: { minDecimals?: number; maxDecimals?: number }
  currencyDisplayFormat?: { format?: string }
}

/** FlowX's BuildInfoDTO as read: every field optional, unknown values shown as they arrive. */
export interface BuildInfo {
  workspaceId?: string
  applicationId?: string
  buildId?: string
  /** COMMITTED / WORK_IN_PROGRESS when the server says (not every version does). */
  status?: string
  buildSettings?: BuildSettingsInfo
}

/** One build-info answer: the fields read, the JSON exactly as FlowX returned it, and how. */
export interface BuildInfoResult {
  info: BuildInfo
  /** The response body as FlowX returned it (for `--json` and a details view). */
  raw: Record<string, unknown>
  /** Which endpoint answered: 5.x by workspace, 4.x by app only, or by process instance. */
  via: 'workspace' | 'app' | 'instance'
  /** The encoded path after the base URL. */
  path: string
  fetchedAt: string
  /** Served from the short cache (seconds old) rather than asked again. */
  cached: boolean
}

/** The launch form as last used with a profile, restored when the user comes back to it. */
export interface LaunchDraft {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  payload: string
}
