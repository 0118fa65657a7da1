/** Batch channels of the fake bridge, and a progress push tests can send (`emitProgress`). */
import type { BatchPreview, BatchProgress, BatchView, RowOutcome } from '@shared/batch'
import type { BatchRecord } from '@shared/domain'
import type { Result } from '@shared/errors'
import { vi } from 'vitest'

import { ok } from './fake-result'

export function makeBatch(overrides: Partial<BatchRecord> = {}): BatchRecord {
  return {
    id: 'b1',
    createdAt: '2026-12-06T10:00:00.000Z',
    profileId: 'p1',
    profileName: 'Staging',
    rowsFile: 'customers.csv',
    status: 'running',
    total: 0,
    started: 0,
    failed: 0,
    unknown: 0,
    skipped: 0,
    notSent: 0,
    ...overrides
  }
}

export function makePreview(overrides: Partial<BatchPreview> = {}): BatchPreview {
  return {
    total: 3,
    sendable: 2,
    first: [
      {
        row: 1,
        target: { mode: 'build', appId: 'app-1', buildId: 'build-1', processName: 'onboarding' },
        payload: '{"customerId":"C-1"}',
        variables: { customerId: 'C-1' }
      }
    ],
    errors: [{ row: 2, errors: [{ kind: 'unresolved', message: 'No value for {{amount}}.' }] }],
    errorCount: 1,
    textValues: [],
    textValueCount: 0,
    columns: ['customerId', 'amount'],
    ...overrides
  }
}

export function makeRowOutcome(overrides: Partial<RowOutcome> = {}): RowOutcome {
  return {
    row: 1,
    status: 'started',
    sent: true,
    recordId: 'rec1',
    httpStatus: 200,
    durationMs: 120,
    instanceUuid: '9b2c3d4e-0000-4000-8000-000000000001',
    tokenCount: 1,
    key: 'C-1',
    ...overrides
  }
}

export function batchFakes() {
  const listeners = new Set<(progress: BatchProgress) => void>()
  return {
    pickRows: vi.fn(async (): Promise<Result<{ rowsFileId: string; name: string } | null>> =>
      ok({ rowsFileId: 'f1', name: 'customers.csv' })
    ),
    preview: vi.fn(async (_input: object): Promise<Result<BatchPreview>> => ok(makePreview())),
    start: vi.fn(async (_input: object): Promise<Result<BatchRecord>> => ok(makeBatch())),
    pause: vi.fn(async (_input: { id: string }): Promise<Result<BatchRecord>> =>
      ok(makeBatch({ status: 'paused' }))
    ),
    resume: vi.fn(async (_input: { id: string }): Promise<Result<BatchRecord>> => ok(makeBatch())),
    cancel: vi.fn(async (_input: { id: string }): Promise<Result<BatchRecord>> => ok(makeBatch())),
    get: vi.fn(async (input: { id: string }): Promise<Result<BatchView>> =>
      ok({ batch: makeBatch({ id: input.id }), rows: [], rerunnable: 0 })
    ),
    list: vi.fn(async (): Promise<Result<BatchRecord[]>> => ok([])),
    rerunFailed: vi.fn(async (_input: object): Promise<Result<BatchRecord>> =>
      ok(makeBatch({ id: 'b2' }))
    ),
    export: vi.fn(async (_input: object): Promise<Result<{ path?: string; count: number }>> =>
      ok({ path: '/home/me/results.csv', count: 2 })
    ),
    onProgress: vi.fn((callback: (progress: BatchProgress) => void) => {
      listeners.add(callback)
      return () => void listeners.delete(callback)
    }),
    /** Test helper (not on the real bridge): push a progress event as main would. */
    emitProgress(progress: BatchProgress): void {
      for (const listener of listeners) listener(progress)
    }
  }
}
