/**
 * Records of the launches this connection began and has not completed yet. complete() builds the
 * completed record from one of them instead of reading the row back (new-rows.ts completedRecord).
 * Bounded: a launch whose caller went away never completes here, so the oldest make room.
 */
import type { LaunchRecord } from '../../shared/domain'

/** At most this many launches are kept… */
const MAX_KEPT = 4096
/** …holding at most about this many characters of payload and template. */
const MAX_CHARS = 32 * 1024 * 1024
/** What a record costs beyond its payload and template, roughly. */
const RECORD_OVERHEAD = 512

interface Kept {
  seq: number
  record: LaunchRecord
  size: number
}

export class InFlight {
  private readonly kept = new Map<string, Kept>()
  private chars = 0

  /** Keep the pending record of launch `id`, stored as row `seq`. */
  add(id: string, seq: number, record: LaunchRecord): void {
    this.take(id)
    const size = record.payload.length + (record.template?.length ?? 0) + RECORD_OVERHEAD
    if (size > MAX_CHARS) return
    this.kept.set(id, { seq, record, size })
    this.chars += size
    for (const [oldest] of this.kept) {
      if (this.kept.size <= MAX_KEPT && this.chars <= MAX_CHARS) break
      this.take(oldest)
    }
  }

  /** The pending record of `id` (and forget it), if this connection began it and still has it. */
  take(id: string): { seq: number; record: LaunchRecord } | undefined {
    const found = this.kept.get(id)
    if (!found) return undefined
    this.kept.delete(id)
    this.chars -= found.size
    return { seq: found.seq, record: found.record }
  }

  get size(): number {
    return this.kept.size
  }
}
