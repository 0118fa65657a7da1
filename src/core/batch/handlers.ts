/** The batch channels of the contract, over the batch service (wired into createHandlers). */
import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'

import type { z } from 'zod'

import type { BatchPreviewInputSchema, BatchSourceSchema } from '../../shared/batch-schemas'
import type { Handlers } from '../../shared/contract'
import { AppFailure } from '../../shared/errors'
import type { SavedLaunch } from '../../shared/workbench'
import type { LaunchService } from '../launches/launch-service'
import type { FileDialogs } from '../ports'
import type { ProfileService } from '../profiles/profile-service'
import type { BatchService, BatchSpec } from './batch-service'
import { rowsFormatOf } from './rows'

type BatchChannel = Extract<keyof Handlers, `batch:${string}`>

export interface BatchHandlerDeps {
  batches: BatchService
  profiles: Pick<ProfileService, 'get'>
  launches: Pick<LaunchService, 'connectionFor'>
  files: FileDialogs
  /** A saved launch of the library by id; absent where there is no library. */
  savedLaunch?: (id: string) => Promise<SavedLaunch>
}

type PreviewInput = z.output<typeof BatchPreviewInputSchema>
type SourceInput = z.output<typeof BatchSourceSchema>

const EXPORT_FILTERS = {
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  junit: { name: 'JUnit XML report', extensions: ['xml'] },
  markdown: { name: 'Markdown summary', extensions: ['md'] }
} as const

export function batchHandlers(deps: BatchHandlerDeps): Pick<Handlers, BatchChannel> {
  const { batches } = deps
  /** Rows files the user picked: the page holds a handle, never a path it could choose itself. */
  const rowsFiles = new Map<string, string>()

  const specOf = async (input: PreviewInput): Promise<BatchSpec> => {
    const rowsFile = rowsFiles.get(input.rowsFileId)
    if (!rowsFile) {
      throw new AppFailure('INVALID_INPUT', 'Pick the rows file again: this one is no longer open.')
    }
    const profile = deps.profiles.get(input.profileId)
    const { template, savedDefaults, savedLaunch } = await templateOf(deps, input.source)
    return {
      rowsFile,
      ...(input.shard ? { shard: input.shard } : {}),
      ...(savedLaunch ? { savedLaunch } : {}),
      ...(input.expectColumn !== undefined ? { expectColumn: input.expectColumn } : {}),
      source: {
        template,
        ...(input.source.variables ? { overrides: input.source.variables } : {}),
        ...(savedDefaults ? { savedDefaults } : {}),
        profileVariables: profile.variables,
        profileDefaults: profile.defaults,
        ...(input.prompts ? { prompts: input.prompts } : {})
      }
    }
  }

  return {
    'batch:pick-rows': async () => {
      if (!deps.files.pickFile) throw new AppFailure('INTERNAL', 'No file dialog here.')
      const path = await deps.files.pickFile('rows')
      if (!path) return null
      rowsFormatOf(path)
      const rowsFileId = randomUUID()
      rowsFiles.set(rowsFileId, path)
      return { rowsFileId, name: basename(path) }
    },
    'batch:preview': async (input) => batches.preview(await specOf(input)),
    'batch:start': async (input) => {
      const spec = await specOf(input)
      const profile = deps.profiles.get(input.profileId)
      const preview = await batches.preview(spec)
      if (preview.sendable === 0) {
        throw new AppFailure('INVALID_INPUT', 'No row of this file can be sent: see the preview.')
      }
      if (profile.protected) confirmProtected(profile.name, preview.sendable, input)
      const connection = await deps.launches.connectionFor(input.profileId)
      return batches.start(
        spec,
        connection,
        {
          ...(input.concurrency ? { concurrency: input.concurrency } : {}),
          ...(input.ratePerSec ? { ratePerSec: input.ratePerSec } : {}),
          ...(input.maxFailures ? { maxFailures: input.maxFailures } : {})
        },
        { expected: preview.total }
      )
    },
    'batch:pause': ({ id }) => batches.pause(id),
    'batch:resume': ({ id }) => batches.resume(id),
    'batch:cancel': ({ id, abortInFlight }) => batches.cancel(id, abortInFlight === true),
    'batch:get': ({ id }) => batches.get(id),
    'batch:list': () => batches.list(),
    'batch:rerun-failed': async (input) => {
      const view = await batches.get(input.id)
      const profile = deps.profiles.get(view.batch.profileId)
      const rows = batches.rerunRows(input.id, input.rows)
      if (profile.protected) confirmProtected(profile.name, rows.length, input)
      return batches.rerun(input.id, input.rows)
    },
    'batch:export': async ({ id, format }) => {
      const { text, fileName } = await batches.export(id, format)
      const view = await batches.get(id)
      const path = await deps.files.saveText(fileName, text, EXPORT_FILTERS[format])
      return { ...(path ? { path } : {}), count: view.rows.length }
    }
  }
}

/** A protected profile: its name typed exactly, and the number of processes confirmed. */
function confirmProtected(
  name: string,
  count: number,
  input: { confirmProfileName?: string | undefined; confirmCount?: number | undefined }
): void {
  const plural = count === 1 ? 'process' : 'processes'
  if (input.confirmProfileName !== name || input.confirmCount !== count) {
    throw new AppFailure(
      'CONFIRMATION_REQUIRED',
      input.confirmProfileName === undefined
        ? `“${name}” is a protected profile: type its name and confirm ${count} ${plural}.`
        : input.confirmProfileName !== name
          ? `The name typed does not match “${name}”, so nothing was sent.`
          : `This batch starts ${count} ${plural}, not ${input.confirmCount ?? 0}: nothing was sent.`,
      { hint: 'Type the profile name exactly and the number of processes to start.' }
    )
  }
}

async function templateOf(
  deps: BatchHandlerDeps,
  source: SourceInput
): Promise<{
  template: BatchSpec['source']['template']
  savedDefaults?: Record<string, string>
  savedLaunch?: string
}> {
  if (source.kind === 'form') return { template: { ...source.target, payload: source.payload } }
  if (!deps.savedLaunch) throw new AppFailure('INTERNAL', 'Saved launches are not available here.')
  const saved = await deps.savedLaunch(source.id)
  return {
    template: { ...saved.target, payload: saved.payload },
    savedDefaults: saved.variables,
    savedLaunch: saved.name
  }
}

export type BatchHandlers = ReturnType<typeof batchHandlers>
