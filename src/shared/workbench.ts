/**
 * Types of the testers' workbench: saved launches (the library), template previews, replays and
 * cURL. Plain data that crosses IPC; never a secret or a token.
 */
import type { StartMode, TokenClaims } from './domain'
import type { VariableSource } from './templates/resolve'

export type { VariableSource } from './templates/resolve'

/** Where a saved launch starts: each field may hold `{{variables}}`. */
export interface SavedTarget {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
}

/** A saved launch as the user edits it (what a `<slug>.launch.json` file holds, minus `version`). */
export interface SavedLaunch {
  name: string
  description: string
  tags: string[]
  target: SavedTarget
  /** The payload text as written, `{{variables}}` included. */
  payload: string
  /** Default values of its variables (overridden per launch, override the profile's). */
  variables: Record<string, string>
  /** Ticket reference and notes carried into every launch of it. */
  ticket: string
  notes: string
}

export type LibraryFileKind = 'launch' | 'playlist'

/** One library folder: the default one in the data directory, or one the user added. */
export interface LibraryFolder {
  /** Stable id: 'default' or a short hash of the path. */
  id: string
  path: string
  isDefault: boolean
  /** The folder cannot be read (missing, no permission): why. */
  error?: string
}

/** One file of a library folder, as listed. */
export interface LibraryEntry {
  /** `<folderId>/<file name>`: what every library channel takes. */
  id: string
  folderId: string
  /** File name, e.g. `customer-onboarding.launch.json`. */
  file: string
  kind: LibraryFileKind
  /** A change marker of the file on disk (size, mtime, content hash); pass it back when saving. */
  revision: string
  updatedAt: string
  /** 'broken': the file cannot be read as a saved launch; it is shown and never overwritten. */
  status: 'ok' | 'broken'
  /** Why it is broken (JSON error with line and column, or the field that is wrong). */
  error?: string
  /** For saved launches that read: the fields a list, search and tags need. */
  name: string
  description: string
  tags: string[]
  mode?: StartMode
  processName?: string
}

export interface LibraryListing {
  folders: LibraryFolder[]
  entries: LibraryEntry[]
}

/** A saved launch with where it lives. */
export interface SavedLaunchDocument {
  entry: LibraryEntry
  launch: SavedLaunch
}

/** What a delete leaves behind to undo it with `library:restore`. */
export interface LibraryDeletion {
  undoToken: string
  name: string
}

/** One variable of a preview: its value and where it came from. Variables are never secrets. */
export interface PreviewVariable {
  name: string
  value: string
  source: VariableSource
}

/** A template problem, with what the editor needs to point at it. */
export interface TemplateProblem {
  kind: 'syntax' | 'unresolved' | 'unknown-builtin' | 'prompt' | 'cycle' | 'target' | 'payload'
  message: string
  /** The variable concerned, as written (`customerId`, `$uuid`, `?Customer id`). */
  variable?: string
  /** Offset in the payload text, when the problem is in the payload. */
  offset?: number
  /** Prompt labels still to be answered. */
  prompts: string[]
}

/** What a launch would send, resolved against a profile; nothing is sent. */
export interface TemplatePreview {
  profileId: string
  /** The full start URL (base + encoded path). */
  url: string
  /** The resolved ids and process name. */
  target: SavedTarget
  /** The resolved payload text, exactly as it would be sent. */
  payload: string
  variables: PreviewVariable[]
  /** Prompt labels the template asks for (answered or not). */
  prompts: string[]
  /** Set when the launch cannot be sent as it is; url/payload then hold what could be resolved. */
  problem?: TemplateProblem
}

export type ReplayMode = 'exact' | 'fresh' | 'to-profile'

/** A variable whose value differs between the original launch and the replay. */
export interface ChangedVariable {
  name: string
  before?: string
  after?: string
}

/** What a replay would send, next to what the original sent. */
export interface ReplayPlan {
  mode: ReplayMode
  sourceId: string
  before: { profileId: string; profileName: string; url: string; payload: string }
  after: {
    profileId: string
    profileName: string
    /** The target profile is protected: its name must be typed to send. */
    protected: boolean
    url: string
    target: SavedTarget
    payload: string
  }
  /** Ids swapped for the target profile's ones (to-profile): old → new, by variable name. */
  remapped: ChangedVariable[]
  changedVariables: ChangedVariable[]
  urlChanged: boolean
  payloadChanged: boolean
  /** Set when the replay cannot be sent (an unresolved variable…). */
  problem?: TemplateProblem
}

export type CurlMode = 'placeholders' | 'redacted' | 'resolved'

/** A cURL command for display or copying. In 'resolved' mode the command is copied in main and
 * `command` shows it with the token redacted: the token never reaches the renderer. */
export interface CurlCommand {
  mode: CurlMode
  command: string
  /** True when main put the command (with the real token) on the clipboard. */
  copied: boolean
}

/** A pasted cURL command or start URL, read into form fields. */
export interface ParsedCurl {
  mode: StartMode
  workspaceId: string
  appId: string
  buildId: string
  processName: string
  /** The runtime base before /api/… when it was there. */
  baseUrl?: string
  platform?: string
  /** The body, pretty-printed when it is JSON (literals kept as written). */
  payload: string
  /** A bearer token was pasted: held in main for one launch only; pass it as `tokenHandle`. */
  tokenHandle?: string
  /** What the pasted token says about itself (subject, roles, expiry), when it is a JWT. */
  tokenClaims?: TokenClaims
  /** Things ignored or guessed (other headers, a non-POST method…). */
  notes: string[]
}
