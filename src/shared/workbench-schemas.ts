/** zod schemas for the workbench channels and the saved-launch fields the renderer may send. */
import { z } from 'zod'

import { LocalId, MAX_PAYLOAD_BYTES, VariableName, VariablesSchema } from './schemas'

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** A target field as typed: an id or process name, possibly with `{{variables}}`. */
export const TemplatedField = z
  .string()
  .trim()
  .max(300, 'At most 300 characters.')
  .regex(NO_CONTROL, 'Control characters are not allowed here.')

export { VariableName, VariablesSchema }

/** Answers to `{{?Label}}` prompts, by label. */
export const PromptAnswersSchema = z
  .record(z.string().max(80), z.string().max(100_000))
  .refine((v) => Object.keys(v).length <= 100, 'At most 100 prompts.')

const ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/

/** An id to start with: a FlowX id, or text with `{{variables}}` checked once resolved. */
export const TemplatedId = TemplatedField.refine(
  (v) => v.includes('{{') || ID_PATTERN.test(v),
  'Use only letters, digits, dot, dash and underscore (at most 128), or a {{variable}}.'
)

/** A process name to start: not empty, at most 200 characters once resolved. */
export const TemplatedProcessName = TemplatedField.refine(
  (v) => v.length > 0,
  'Enter the process name.'
)

export const TemplatedTargetSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('build'),
    appId: TemplatedId,
    buildId: TemplatedId,
    processName: TemplatedProcessName
  }),
  z.strictObject({
    mode: z.literal('workspace'),
    workspaceId: TemplatedId,
    appId: TemplatedId,
    processName: TemplatedProcessName
  })
])

export const SavedTargetSchema = z.strictObject({
  mode: z.enum(['build', 'workspace']),
  workspaceId: TemplatedField,
  appId: TemplatedField,
  buildId: TemplatedField,
  processName: TemplatedField
})

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40, 'A tag is at most 40 characters.')
  .regex(NO_CONTROL, 'A tag has no control characters.')

/** A saved launch as the renderer sends it to be written. */
export const SavedLaunchNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the saved launch.')
  .max(100, 'A name is at most 100 characters.')
  .regex(NO_CONTROL, 'A name has no control characters.')

export const SavedLaunchSchema = z.strictObject({
  name: SavedLaunchNameSchema,
  description: z.string().max(4000, 'A description is at most 4,000 characters.'),
  tags: z.array(Tag).max(30, 'At most 30 tags.'),
  target: SavedTargetSchema,
  payload: z.string().max(MAX_PAYLOAD_BYTES * 4, 'The payload is larger than 1 MB.'),
  variables: VariablesSchema,
  ticket: z.string().trim().max(200, 'A ticket reference is at most 200 characters.'),
  notes: z.string().max(10_000, 'Notes are at most 10,000 characters.')
})

/** A library folder id: 'default' or a short hash. */
export const LibraryFolderId = z.string().regex(/^[a-z0-9]{1,32}$/, 'Invalid library folder.')

/** `<folderId>/<file>.launch.json` (or `.playlist.json`). */
export const LibraryId = z
  .string()
  .max(300)
  .regex(
    // eslint-disable-next-line no-control-regex
    /^[a-z0-9]{1,32}\/[^/\\\u0000-\u001f]{1,240}\.(launch|playlist)\.json$/,
    'Invalid library entry.'
  )
  .refine((id) => !id.includes('/..') && !id.endsWith('/.'), 'Invalid library entry.')

export const Revision = z.string().max(200)

export const LibrarySaveSchema = z.strictObject({
  /** The file to overwrite; absent for a new saved launch. */
  id: LibraryId.optional(),
  /** Where a new one goes; the default library when absent. */
  folderId: LibraryFolderId.optional(),
  launch: SavedLaunchSchema,
  /** The revision the editor loaded: a file changed since is a conflict, not an overwrite. */
  expectedRevision: Revision.optional()
})

/** Values a launch is resolved with, beyond the profile's. */
const ResolutionInputs = {
  /** A saved launch whose defaults apply (its file is read in main). */
  savedLaunchId: LibraryId.optional(),
  /** Defaults as edited in the form, used instead of the saved file's (unsaved changes). */
  defaults: VariablesSchema.optional(),
  overrides: VariablesSchema.optional(),
  prompts: PromptAnswersSchema.optional()
}

export const TemplatePreviewInputSchema = z.strictObject({
  profileId: LocalId,
  target: SavedTargetSchema,
  payload: z.string().max(MAX_PAYLOAD_BYTES * 4, 'The payload is larger than 1 MB.'),
  ...ResolutionInputs
})

/** The workbench fields `launch:start` accepts beside the target and payload. */
export const StartContextFields = {
  ...ResolutionInputs,
  ticket: z.string().trim().max(200).optional(),
  note: z.string().max(2000).optional(),
  /** A bearer token pasted with a cURL command, held in main for this launch only. */
  tokenHandle: LocalId.optional()
}

export const ReplayModeSchema = z.enum(['exact', 'fresh', 'to-profile'])

export const ReplayPlanInputSchema = z.strictObject({
  id: LocalId,
  mode: ReplayModeSchema,
  /** The profile to replay on (to-profile); the original profile otherwise. */
  profileId: LocalId.optional(),
  overrides: VariablesSchema.optional(),
  prompts: PromptAnswersSchema.optional()
})

export const ReplayInputSchema = ReplayPlanInputSchema.extend({
  requestId: LocalId,
  confirmProfileName: z.string().max(60).optional(),
  allowDuplicate: z.boolean().optional()
})

export const CurlModeSchema = z.enum(['placeholders', 'redacted', 'resolved'])

const CurlConfirm = {
  mode: CurlModeSchema,
  /** Resolved mode puts the real token in the command: the user must have said yes. */
  confirmed: z.boolean().optional(),
  /** Resolved mode on a protected profile: its name, typed. */
  confirmProfileName: z.string().max(60).optional()
}

export const CurlFromLaunchSchema = z.strictObject({ id: LocalId, ...CurlConfirm })

export const CurlFromFormSchema = z.strictObject({
  profileId: LocalId,
  target: SavedTargetSchema,
  payload: z.string().max(MAX_PAYLOAD_BYTES * 4, 'The payload is larger than 1 MB.'),
  ...ResolutionInputs,
  ...CurlConfirm
})

export const CurlParseSchema = z.strictObject({
  text: z
    .string()
    .min(1, 'Paste a cURL command or a start URL.')
    .max(MAX_PAYLOAD_BYTES * 4)
})
