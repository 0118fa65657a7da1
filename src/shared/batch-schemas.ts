/** zod schemas for the batch channels: what the renderer may ask of a batch run. */
import { z } from 'zod'

import { LocalId, MAX_PAYLOAD_BYTES, VariablesSchema } from './schemas'
import { LibraryId, PromptAnswersSchema, SavedTargetSchema } from './workbench-schemas'

/** A saved launch from the library, or the launch form as it stands. */
export const BatchSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('saved'),
    id: LibraryId,
    /** Values that win over the rows (the form's own overrides). */
    variables: VariablesSchema.optional()
  }),
  z.strictObject({
    kind: z.literal('form'),
    target: SavedTargetSchema,
    payload: z.string().max(MAX_PAYLOAD_BYTES * 4, 'The payload is larger than 1 MB.'),
    variables: VariablesSchema.optional()
  })
])

/** `I/N`: this job's deterministic share of the rows. */
export const ShardSchema = z
  .strictObject({ index: z.int().min(1).max(1000), count: z.int().min(1).max(1000) })
  .refine((s) => s.index <= s.count, 'The shard number is at most the shard count.')

export const BatchPreviewInputSchema = z.strictObject({
  profileId: LocalId,
  source: BatchSourceSchema,
  /** The handle main gave for the rows file the user picked (never a path from the page). */
  rowsFileId: LocalId,
  shard: ShardSchema.optional(),
  prompts: PromptAnswersSchema.optional(),
  /** The column that holds each row's expected outcome (`started`, `400`, `4xx`…). */
  expectColumn: z.string().trim().min(1).max(200).optional()
})

export const BatchStartInputSchema = BatchPreviewInputSchema.extend({
  concurrency: z.int().min(1).max(64).optional(),
  ratePerSec: z.number().positive().max(10_000).optional(),
  maxFailures: z.int().min(1).max(10_000_000).optional(),
  /** A protected profile: its name typed, and the number of processes to start. */
  confirmProfileName: z.string().max(200).optional(),
  confirmCount: z.int().min(0).max(10_000_000).optional()
})

export const BatchIdInputSchema = z.strictObject({ id: LocalId })

export const BatchCancelInputSchema = z.strictObject({
  id: LocalId,
  /** Abort the rows in flight too (they are recorded as unknown); default: let them finish. */
  abortInFlight: z.boolean().optional()
})

export const BatchRerunInputSchema = z.strictObject({
  id: LocalId,
  /** Rows chosen one by one (unknown ones only this way); default: rows that failed before sending. */
  rows: z.array(z.int().min(1)).min(1).max(100_000).optional(),
  confirmProfileName: z.string().max(200).optional(),
  confirmCount: z.int().min(0).max(10_000_000).optional()
})

export const BatchExportInputSchema = z.strictObject({
  id: LocalId,
  format: z.enum(['csv', 'json', 'junit', 'markdown'])
})
