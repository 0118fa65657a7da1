/**
 * The one table of everything the renderer may ask of main. The preload, the handler registration,
 * the renderer's types and the browser test harness are all built from it (DESIGN.md §2).
 */
import { z } from 'zod'

import type { BatchPreview, BatchProgress, BatchView } from './batch'
import {
  BatchCancelInputSchema,
  BatchExportInputSchema,
  BatchIdInputSchema,
  BatchPreviewInputSchema,
  BatchRerunInputSchema,
  BatchStartInputSchema
} from './batch-schemas'
import type {
  AppSettings,
  BatchRecord,
  AppState,
  HistoryExport,
  BuildInfoResult,
  HealthReport,
  LaunchReport,
  PlaylistEntry,
  PlaylistSummary,
  HistoryPage,
  LaunchDraft,
  LaunchRecord,
  ProfileExport,
  ProfileImport,
  ProfileView,
  StartupState,
  TokenStatus
} from './domain'
import type { Result } from './errors'
import {
  AppSettingsPatchSchema,
  BuildInfoInputSchema,
  HistoryExportSchema,
  HistoryQuerySchema,
  IdInput,
  InstanceBuildInfoInputSchema,
  OpenExternalSchema,
  PlaylistRefSchema,
  PlaylistSaveSchema,
  ReportInputSchema,
  LaunchDraftSchema,
  LocalId,
  NoInput,
  ProfileInputSchema,
  StartInputSchema
} from './schemas'
import type {
  CurlCommand,
  LibraryDeletion,
  LibraryListing,
  ParsedCurl,
  ReplayPlan,
  SavedLaunchDocument,
  TemplatePreview
} from './workbench'
import {
  CurlFromFormSchema,
  CurlFromLaunchSchema,
  CurlParseSchema,
  LibraryFolderId,
  LibraryId,
  LibrarySaveSchema,
  ReplayInputSchema,
  ReplayPlanInputSchema,
  Revision,
  SavedLaunchNameSchema,
  StartContextFields,
  TemplatePreviewInputSchema,
  TemplatedTargetSchema
} from './workbench-schemas'

/** A phantom marker carrying a result type through the table. */
function as<T>(): T {
  return undefined as T
}

interface Entry<I extends z.ZodType, R> {
  input: I
  result: R
}

function entry<I extends z.ZodType, R>(input: I, result: R): Entry<I, R> {
  return { input, result }
}

export const contract = {
  'app:get-state': entry(NoInput, as<AppState>()),
  /** What the first screen needs in one round trip (state, settings, profiles, the draft). */
  'app:startup': entry(NoInput, as<StartupState>()),
  'app:dismiss-notice': entry(z.strictObject({ id: z.string().max(64) }), as<null>()),
  'app:copy-text': entry(z.strictObject({ text: z.string().max(1_000_000) }), as<null>()),
  /** Keep secrets on disk although the keychain is weak (Linux basic_text), or stop doing so. */
  'app:set-weak-storage': entry(z.strictObject({ enabled: z.boolean() }), as<AppState>()),
  /** Open a link in the system browser: only a URL on the profile's FlowX Designer origin. */
  'app:open-external': entry(OpenExternalSchema, as<null>()),
  /** Open the folder of the app's (redacted) logs in the system file manager. */
  'app:open-logs': entry(NoInput, as<null>()),

  'profiles:list': entry(NoInput, as<ProfileView[]>()),
  'profiles:save': entry(ProfileInputSchema, as<ProfileView>()),
  'profiles:duplicate': entry(IdInput, as<ProfileView>()),
  'profiles:remove': entry(IdInput, as<null>()),
  /** Undo a delete of the last few minutes: the profile and its secrets come back. */
  'profiles:restore': entry(IdInput, as<ProfileView>()),
  'profiles:set-active': entry(IdInput, as<null>()),
  'profiles:check': entry(IdInput, as<HealthReport>()),
  /** Check connection on the values in the profile form, before saving; secrets never returned. */
  'profiles:check-draft': entry(ProfileInputSchema, as<HealthReport>()),
  /** Writes the chosen profiles (all when none given) to a file the user picks; never a secret. */
  'profiles:export': entry(
    z.strictObject({ ids: z.array(LocalId).max(500).optional() }),
    as<ProfileExport>()
  ),
  /** Reads a file the user picks and adds its profiles; secrets must then be entered. */
  'profiles:import': entry(NoInput, as<ProfileImport>()),

  /** Where the profile's access token stands (no value, ever). */
  'auth:status': entry(z.strictObject({ profileId: LocalId }), as<TokenStatus>()),
  /** Fetch a fresh access token now ("get token now"). */
  'auth:renew': entry(z.strictObject({ profileId: LocalId }), as<TokenStatus>()),

  'drafts:get': entry(z.strictObject({ profileId: LocalId }), as<LaunchDraft | null>()),
  'drafts:save': entry(
    z.strictObject({ profileId: LocalId, draft: LaunchDraftSchema }),
    as<null>()
  ),

  /**
   * Start a process. Target and payload may hold {{variables}}: they are resolved in main against
   * the profile, the saved launch's defaults, the overrides and the prompt answers, and the ledger
   * keeps the template, every value and the exact bytes sent.
   */
  'launch:start': entry(
    StartInputSchema.extend({ target: TemplatedTargetSchema, ...StartContextFields }),
    as<LaunchRecord>()
  ),
  'launch:cancel': entry(z.strictObject({ requestId: LocalId }), as<{ cancelled: boolean }>()),

  'history:search': entry(HistoryQuerySchema, as<HistoryPage>()),
  'history:get': entry(IdInput, as<LaunchRecord>()),
  /** Hide a launch from the history; history:restore undoes it (within an hour). */
  'history:delete': entry(IdInput, as<LaunchRecord>()),
  'history:restore': entry(IdInput, as<LaunchRecord>()),
  /** Write the launches the filter matches to a file the user picks, as CSV or JSON. */
  'history:export': entry(HistoryExportSchema, as<HistoryExport>()),
  'history:process-names': entry(
    z.strictObject({ profileId: LocalId.optional(), prefix: z.string().max(200).optional() }),
    as<string[]>()
  ),
  /** What replaying a launch would send (exact, fresh, or to another profile), beside the original. */
  'history:replay-plan': entry(ReplayPlanInputSchema, as<ReplayPlan>()),
  /** Replay a launch; a protected target needs its typed name, and the duplicate guard applies. */
  'history:replay': entry(ReplayInputSchema, as<LaunchRecord>()),

  /** Every library folder and the saved launches and playlists in them (broken files included). */
  'library:list': entry(NoInput, as<LibraryListing>()),
  'library:get': entry(z.strictObject({ id: LibraryId }), as<SavedLaunchDocument>()),
  /** Write a saved launch; a file changed on disk since `expectedRevision` is a conflict. */
  'library:save': entry(LibrarySaveSchema, as<SavedLaunchDocument>()),
  'library:rename': entry(
    z.strictObject({
      id: LibraryId,
      name: SavedLaunchNameSchema,
      expectedRevision: Revision.optional()
    }),
    as<SavedLaunchDocument>()
  ),
  'library:duplicate': entry(z.strictObject({ id: LibraryId }), as<SavedLaunchDocument>()),
  /** Move the file aside; `library:restore` with the token puts it back. */
  'library:delete': entry(
    z.strictObject({ id: LibraryId, expectedRevision: Revision.optional() }),
    as<LibraryDeletion>()
  ),
  'library:restore': entry(z.strictObject({ undoToken: LocalId }), as<SavedLaunchDocument>()),
  /** Pick a folder (a team's Git repository…) to show beside the default library. */
  'library:add-folder': entry(NoInput, as<LibraryListing>()),
  'library:remove-folder': entry(
    z.strictObject({ folderId: LibraryFolderId }),
    as<LibraryListing>()
  ),

  /** Resolve the form (or a saved launch) against a profile: URL, payload, each value and source. */
  'templates:preview': entry(TemplatePreviewInputSchema, as<TemplatePreview>()),

  /** cURL of a ledger entry or of the form; 'resolved' copies in main and never returns the token. */
  'curl:from-launch': entry(CurlFromLaunchSchema, as<CurlCommand>()),
  'curl:from-form': entry(CurlFromFormSchema, as<CurlCommand>()),
  /** Read a pasted cURL command or start URL into form fields; a token in it becomes a handle. */
  'curl:parse': entry(CurlParseSchema, as<ParsedCurl>()),

  'settings:get': entry(NoInput, as<AppSettings>()),
  /** Change some settings; returns them all. A retention change is applied in the background. */
  'settings:update': entry(AppSettingsPatchSchema, as<AppSettings>()),

  'sandbox:ensure': entry(NoInput, as<{ baseUrl: string }>()),

  /** The active build of (workspace, app) for a profile or the form's values; cached briefly. */
  'build:info': entry(BuildInfoInputSchema, as<BuildInfoResult>()),
  /** The build a launched instance runs on. */
  'build:instance-info': entry(InstanceBuildInfoInputSchema, as<BuildInfoResult>()),

  /** A launch report (launches or a ticket) as Markdown or HTML text; never a secret. */
  'reports:create': entry(ReportInputSchema, as<LaunchReport>()),
  /** The same, written to a file the user picks. */
  'reports:save': entry(ReportInputSchema, as<{ path?: string; count: number }>()),

  'playlists:list': entry(NoInput, as<PlaylistSummary[]>()),
  'playlists:get': entry(PlaylistRefSchema, as<PlaylistEntry>()),
  'playlists:save': entry(PlaylistSaveSchema, as<PlaylistEntry>()),
  /** Move the file aside; `playlists:restore` with the token puts it back (for 7 days). */
  'playlists:delete': entry(PlaylistRefSchema, as<LibraryDeletion>()),
  'playlists:restore': entry(z.strictObject({ undoToken: LocalId }), as<PlaylistEntry>()),

  /** Pick a rows file (.csv, .json, .ndjson) in a dialog; main keeps the path, the page a handle. */
  'batch:pick-rows': entry(NoInput, as<{ rowsFileId: string; name: string } | null>()),
  /** Resolve every row without sending: count, the first rows, each row's errors. */
  'batch:preview': entry(BatchPreviewInputSchema, as<BatchPreview>()),
  /** Start a run; a protected profile needs its name typed and the count confirmed. */
  'batch:start': entry(BatchStartInputSchema, as<BatchRecord>()),
  'batch:pause': entry(BatchIdInputSchema, as<BatchRecord>()),
  'batch:resume': entry(BatchIdInputSchema, as<BatchRecord>()),
  'batch:cancel': entry(BatchCancelInputSchema, as<BatchRecord>()),
  'batch:get': entry(BatchIdInputSchema, as<BatchView>()),
  'batch:list': entry(NoInput, as<BatchRecord[]>()),
  /** A new run of the rows that failed before sending, or of rows chosen one by one. */
  'batch:rerun-failed': entry(BatchRerunInputSchema, as<BatchRecord>()),
  /** Results as CSV, JSON or JUnit XML, written to a file the user picks. */
  'batch:export': entry(BatchExportInputSchema, as<{ path?: string; count: number }>())
} as const

/** A phantom marker carrying a push event's payload type through the subscriptions table. */
function subscription<P>(): { payload: P } {
  return { payload: undefined as P }
}

/**
 * Push events from main, part of the contract: `flowx.<domain>.on<Event>(callback)` returns the
 * unsubscribe, and the callback gets only the payload (never Electron's event). Main sends each
 * only to the app's own window.
 */
export const subscriptions = {
  /** A running batch's counts and changed rows, at most ten times a second. */
  'batch:progress': subscription<BatchProgress>()
} as const

export type Subscriptions = typeof subscriptions
export type Subscription = keyof Subscriptions
export type PayloadOf<S extends Subscription> = Subscriptions[S]['payload']

/** The subscription names, in table order. */
export const SUBSCRIPTIONS = Object.keys(subscriptions) as Subscription[]

/** `batch:progress` → ['batch', 'onProgress']. */
export function subscriptionPath(name: Subscription): [string, string] {
  const [domain, event] = bridgePath(name as unknown as Channel)
  return [domain, `on${event.charAt(0).toUpperCase()}${event.slice(1)}`]
}

export type Contract = typeof contract
export type Channel = keyof Contract
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>
export type ResultOf<C extends Channel> = Contract[C]['result']

/** The channel names, in table order. */
export const CHANNELS = Object.keys(contract) as Channel[]

/** What main implements: one function per channel, taking the parsed input. */
export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>) => Promise<ResultOf<C>> | ResultOf<C>
}

type Split<S extends string> = S extends `${infer D}:${infer M}` ? [D, M] : never
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S
type DomainOf<C extends Channel> = Split<C>[0]
type MethodOf<C extends Channel> = Camel<Split<C>[1]>

type Method<C extends Channel> =
  undefined extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<Result<ResultOf<C>>>
    : (input: InputOf<C>) => Promise<Result<ResultOf<C>>>

type SubscriptionDomain<S extends Subscription> = Split<S>[0]
type SubscriptionMethod<S extends Subscription> = `on${Capitalize<Camel<Split<S>[1]>>}`

/** The shape of `window.flowx`: `flowx.<domain>.<method>(input)` for every channel. */
export type FlowxApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as DomainOf<C> extends D ? MethodOf<C> : never]: Method<C>
  } & {
    [S in Subscription as SubscriptionDomain<S> extends D ? SubscriptionMethod<S> : never]: (
      callback: (payload: PayloadOf<S>) => void
    ) => () => void
  }
}

/** Split a channel name into the bridge's domain and camel-cased method name. */
export function bridgePath(channel: Channel): [string, string] {
  const [domain, verb] = channel.split(':') as [string, string]
  return [domain, verb.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())]
}
