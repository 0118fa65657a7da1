/**
 * Deleted profiles, kept for a few minutes so the delete can be undone: the profile and its
 * secrets, in this process's memory only (never on disk, never sent to the renderer). After
 * UNDO_WINDOW_MS, or when the app closes, they are gone for good.
 */
import type { SecretValues } from './profile-secrets'
import type { StoredProfile } from './profile-store'

export const UNDO_WINDOW_MS = 10 * 60 * 1000

export interface RemovedProfile {
  profile: StoredProfile
  secrets: SecretValues
  wasActive: boolean
  removedAt: number
}

export class RemovedProfiles {
  private readonly entries = new Map<string, RemovedProfile>()

  constructor(private readonly now: () => number = Date.now) {}

  keep(entry: Omit<RemovedProfile, 'removedAt'>): void {
    this.expire()
    this.entries.set(entry.profile.id, { ...entry, removedAt: this.now() })
  }

  /** The removed profile, taken out (so it is restored once), or undefined when too late. */
  take(id: string): RemovedProfile | undefined {
    this.expire()
    const entry = this.entries.get(id)
    this.entries.delete(id)
    return entry
  }

  private expire(): void {
    const cutoff = this.now() - UNDO_WINDOW_MS
    for (const [id, entry] of this.entries) if (entry.removedAt < cutoff) this.entries.delete(id)
  }
}
