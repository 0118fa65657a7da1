/** Whether a launcher process that owns pending launches is still running. */

/**
 * True while `pid` exists: signal 0 checks without sending anything. ESRCH means gone; EPERM means
 * it exists but belongs to someone else, which still counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}
