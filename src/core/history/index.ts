/** The launch history ledger (SQLite via node:sqlite). */
export { Ledger, OUTCOME_UNKNOWN_ERROR } from './ledger'
export type { LedgerOptions, ProcessNameOptions } from './ledger'
export { isProcessAlive } from './process-alive'
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './query'
export { SCHEMA_VERSION } from './schema'
