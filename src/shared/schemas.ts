/** zod schemas for everything the renderer may send. Strict objects, bounded strings. */
import { z } from 'zod'

import { PROFILE_COLORS } from './domain'
import {
  BearerTokenSchema,
  FlowxId,
  LocalId,
  OptionalFlowxId,
  PlatformSchema,
  RetentionSchema,
  StartTargetSchema,
  VariablesSchema
} from './launch-schemas'
import { MAX_CA_PEM_BYTES, MAX_PAYLOAD_BYTES } from './limits'

// The rules live in limits.ts (no zod) so the renderer's first screen checks without zod.
export { MAX_CA_PEM_BYTES, MAX_PAYLOAD_BYTES }
export * from './launch-schemas'

export const ProfileDefaultsSchema = z.strictObject({
  workspaceId: OptionalFlowxId,
  appId: OptionalFlowxId,
  buildId: OptionalFlowxId
})

/** A password, client secret or proxy password as typed: bounded, no control characters. */
export const SecretValueSchema = z
  .string()
  .min(1, 'Enter a value or choose to keep the current one.')
  .max(4096, 'That value is too long.')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'The value contains control characters.')

const SecretActionOf = <T extends z.ZodType<string>>(value: T) =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('keep') }),
    z.strictObject({ action: z.literal('clear') }),
    z.strictObject({ action: z.literal('set'), value })
  ])

export const SecretActionsSchema = z.strictObject({
  token: SecretActionOf(BearerTokenSchema).optional(),
  clientSecret: SecretActionOf(SecretValueSchema).optional(),
  password: SecretActionOf(SecretValueSchema).optional(),
  proxyPassword: SecretActionOf(SecretValueSchema).optional()
})

/** An http(s) URL as typed; the issuer and proxy rules are checked in core with specific messages. */
const UrlText = z.string().trim().min(1, 'Enter a URL.').max(2048, 'That URL is too long.')

/** An OAuth2 client id (Keycloak allows more than FlowX ids do, but nothing unprintable). */
export const ClientIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the client id.')
  .max(255, 'A client id is at most 255 characters.')
  .regex(/^[\x21-\x7e]+$/, 'A client id has no spaces or special characters.')

export const UsernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the username.')
  .max(255, 'A username is at most 255 characters.')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'The username contains control characters.')

export const ProfileAuthSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('bearer') }),
  z.strictObject({
    mode: z.literal('client-credentials'),
    issuer: UrlText,
    clientId: ClientIdSchema
  }),
  z.strictObject({
    mode: z.literal('password'),
    issuer: UrlText,
    clientId: ClientIdSchema,
    username: UsernameSchema
  })
])

export const ProfileTlsSchema = z.strictObject({
  customCa: z.string().max(MAX_CA_PEM_BYTES, 'The CA bundle is larger than 256 KB.'),
  allowUntrusted: z.boolean()
})

export const ProfileProxySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('manual'),
    url: UrlText,
    username: z.union([z.literal(''), UsernameSchema])
  })
])

export const ProfileInputSchema = z.strictObject({
  id: LocalId.optional(),
  name: z.string().trim().min(1, 'Name the profile.').max(60, 'At most 60 characters.'),
  color: z.enum(PROFILE_COLORS),
  baseUrl: z.string().trim().min(1, 'Enter the runtime base URL.').max(2048),
  platform: PlatformSchema,
  defaults: ProfileDefaultsSchema,
  protected: z.boolean().optional(),
  auth: ProfileAuthSchema.optional(),
  tls: ProfileTlsSchema.optional(),
  proxy: ProfileProxySchema.optional(),
  variables: VariablesSchema.optional(),
  secrets: SecretActionsSchema.optional(),
  /** FlowX Designer base URL ('' for none); checked in core with a specific message. */
  designerUrl: z.string().trim().max(2048, 'That URL is too long.').optional()
})

export const LaunchDraftSchema = z.strictObject({
  mode: z.enum(['build', 'workspace']),
  workspaceId: z.string().max(128),
  appId: z.string().max(128),
  buildId: z.string().max(128),
  processName: z.string().max(200),
  payload: z.string().max(MAX_PAYLOAD_BYTES)
})

export const StartInputSchema = z.strictObject({
  requestId: LocalId,
  profileId: LocalId,
  target: StartTargetSchema,
  /** The JSON text of the payload; parsed and checked in core with a specific message. */
  payload: z.string().max(MAX_PAYLOAD_BYTES * 4, 'The payload is larger than 1 MB.'),
  /** The profile name as the user typed it to confirm a start on a protected profile. */
  confirmProfileName: z.string().max(60).optional(),
  /** Start even though the same launch was started within the last minute. */
  allowDuplicate: z.boolean().optional()
})

const IsoDate = z.iso.datetime({ offset: true, message: 'Use an ISO date-time.' })

export const HistoryQuerySchema = z.strictObject({
  profileId: LocalId.optional(),
  processName: z.string().max(200).optional(),
  status: z.enum(['pending', 'started', 'failed', 'unknown']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  text: z.string().max(200).optional(),
  ticket: z.string().max(200).optional(),
  batchId: LocalId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).optional()
})

/** Export the launches a history filter matches (no paging: all of them) as CSV or JSON. */
export const HistoryExportSchema = z.strictObject({
  format: z.enum(['csv', 'json']),
  query: HistoryQuerySchema.omit({ cursor: true, limit: true }).optional()
})

/** Every AppSettings field with its default (theme 'system', text 100 %, history kept forever…). */
export const AppSettingsSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  textSize: z.number().int().min(90).max(200).default(100),
  retention: RetentionSchema.default({ mode: 'forever' }),
  batchConcurrency: z.number().int().min(1).max(64).default(4),
  libraryFolders: z.array(z.string().min(1).max(1000)).max(50).default([]),
  demo: z
    .strictObject({
      enabled: z.boolean(),
      persist: z.boolean(),
      textScale: z.union([z.literal(125), z.literal(150), z.literal(200)])
    })
    .default({ enabled: false, persist: false, textScale: 150 })
})

/** settings:update: any subset of the settings; the rest stays as it is. */
export const AppSettingsPatchSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']).optional(),
  textSize: z.number().int().min(90).max(200).optional(),
  retention: RetentionSchema.optional(),
  batchConcurrency: z.number().int().min(1).max(64).optional(),
  libraryFolders: z.array(z.string().min(1).max(1000)).max(50).optional(),
  demo: z
    .strictObject({
      enabled: z.boolean(),
      persist: z.boolean(),
      textScale: z.union([z.literal(125), z.literal(150), z.literal(200)])
    })
    .optional()
})

export const IdInput = z.strictObject({ id: LocalId })
export const NoInput = z.undefined()

/** Build info for a stored profile or for the values in the profile form (not yet saved). */
export const BuildInfoInputSchema = z
  .strictObject({
    profileId: LocalId.optional(),
    profile: ProfileInputSchema.optional(),
    /** '' or absent: the profile's default; '' after that asks the 4.x form (app only). */
    workspaceId: OptionalFlowxId.optional(),
    appId: OptionalFlowxId.optional(),
    /** Ask FlowX again even if a fresh answer is cached. */
    refresh: z.boolean().optional()
  })
  .refine((v) => (v.profileId === undefined) !== (v.profile === undefined), {
    message: 'Give either a profile id or the profile values.'
  })

export const InstanceBuildInfoInputSchema = z.strictObject({
  profileId: LocalId,
  uuid: FlowxId
})

export const ReportInputSchema = z
  .strictObject({
    format: z.enum(['md', 'html']),
    /** Ledger ids, in the order wanted; or a ticket reference. */
    ids: z.array(LocalId).min(1).max(500).optional(),
    ticket: z.string().trim().min(1).max(200).optional(),
    /** Payload included unless false. */
    includePayload: z.boolean().optional(),
    /** Replace host names with placeholders. */
    maskHosts: z.boolean().optional()
  })
  .refine((v) => (v.ids === undefined) !== (v.ticket === undefined), {
    message: 'Choose launches or a ticket for the report.'
  })

/** A playlist file name without `.playlist.json`. */
export const PlaylistSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'Invalid playlist name.')

export const PlaylistStepSchema = z.strictObject({
  savedLaunch: z.string().trim().min(1, 'Choose a saved launch.').max(200),
  profileId: LocalId,
  title: z.string().trim().max(200),
  notes: z.string().max(20_000, 'Notes are at most 20,000 characters.')
})

export const PlaylistSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the playlist.').max(120, 'At most 120 characters.'),
  description: z.string().max(20_000),
  steps: z.array(PlaylistStepSchema).max(200, 'A playlist has at most 200 steps.')
})

export const PlaylistRefSchema = z.strictObject({
  slug: PlaylistSlug,
  /** The library folder; the default library when absent. */
  folder: z.string().max(4096).optional()
})

export const PlaylistSaveSchema = z.strictObject({
  playlist: PlaylistSchema,
  /** The file it was loaded from, when renaming or editing; a new file otherwise. */
  from: PlaylistRefSchema.optional(),
  /** The revision it was loaded at: a file changed on disk since is not overwritten (CONFLICT). */
  expectedRevision: z.string().max(64).optional(),
  folder: z.string().max(4096).optional()
})

export const OpenExternalSchema = z.strictObject({
  profileId: LocalId,
  url: z.string().max(4096)
})
