/** The operating-system user, for batch summaries and reports ("who ran it"). */
import { userInfo } from 'node:os'

export function userName(): string | undefined {
  try {
    return userInfo().username || undefined
  } catch {
    // No passwd entry (some containers): the summary simply names nobody.
    return undefined
  }
}
