/**
 * Turning `start` flags into a checked target, platform and timeouts. Pure; every message is the
 * app's own (the zod-free rules its schemas are built from: shared/limits.ts, launch-rules.ts;
 * shared/url.ts) prefixed with the flag it is about.
 */
import type { LaunchTimeouts } from '../core/launches/launch-service'
import type { ProfileDefaults, StartTarget } from '../shared/domain'
import { checkPlatformValue, type Checked } from '../shared/launch-rules'
import { flowxIdIssue, processNameIssue } from '../shared/limits'
import { startTargetProblem } from '../shared/url'
import { CliError } from './context'

/** The `start` flags that say what to start. */
export interface TargetFlags {
  build?: string
  workspace?: string
  app?: string
  process?: string
}

/** Longest silence allowed on the connection, whatever the total deadline. */
export const MAX_INACTIVITY_MS = 30_000

/** Upper bound for --timeout, so a typo cannot leave a launch hanging for days. */
export const MAX_TIMEOUT_SECONDS = 3600

/** Check `value` (trimmed) with `check`, or fail with its message for `label`. */
export function checkField(
  check: (value: string) => Checked,
  value: string,
  label: string
): string {
  const checked = check(value)
  if (checked.ok) return checked.value
  throw new CliError(`${label}: ${checked.message}`)
}

/** A rule of limits.ts (the reason or nothing) as a check giving the trimmed value. */
function byIssue(issue: (value: string) => string | undefined): (value: string) => Checked {
  return (value) => {
    const message = issue(value)
    return message === undefined ? { ok: true, value: value.trim() } : { ok: false, message }
  }
}

const checkFlowxId = byIssue(flowxIdIssue)
const checkProcessName = byIssue(processNameIssue)

/**
 * The start target from the flags, falling back to a profile's default ids. `--build` and
 * `--workspace` pick the mode; with neither, a profile's default workspace (the documented
 * recommended mode) wins over its default build.
 */
export function buildTarget(flags: TargetFlags, defaults?: ProfileDefaults): StartTarget {
  if (flags.build !== undefined && flags.workspace !== undefined) {
    throw new CliError('Pass either --build ID or --workspace ID, not both.')
  }
  const mode =
    flags.build !== undefined
      ? 'build'
      : flags.workspace !== undefined
        ? 'workspace'
        : defaults?.workspaceId
          ? 'workspace'
          : defaults?.buildId
            ? 'build'
            : undefined
  if (!mode)
    throw new CliError('Pass --build ID (a pinned build) or --workspace ID (its active build).')

  const appRaw = flags.app ?? (defaults?.appId || undefined)
  if (appRaw === undefined) throw new CliError('Pass --app ID.')
  if (flags.process === undefined) throw new CliError('Pass --process NAME.')
  const appId = checkField(checkFlowxId, appRaw, '--app')
  const processName = checkField(checkProcessName, flags.process, '--process')

  const target: StartTarget =
    mode === 'build'
      ? {
          mode,
          appId,
          buildId: checkField(checkFlowxId, flags.build ?? defaults?.buildId ?? '', '--build'),
          processName
        }
      : {
          mode,
          workspaceId: checkField(
            checkFlowxId,
            flags.workspace ?? defaults?.workspaceId ?? '',
            '--workspace'
          ),
          appId,
          processName
        }
  const problem = startTargetProblem(target)
  if (problem) throw new CliError(problem)
  return target
}

/** The Flowx-Platform value: the flag, else the profile's, else `web`. */
export function checkPlatform(flag: string | undefined, fallback = 'web'): string {
  return checkField(checkPlatformValue, flag ?? fallback, '--platform')
}

/** Timeouts for `--timeout SECONDS`: that total deadline, silence at most 30 s of it. */
export function parseTimeout(text: string | undefined): LaunchTimeouts | undefined {
  if (text === undefined) return undefined
  const seconds = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError('--timeout: give the total time allowed in seconds, e.g. --timeout 30.')
  }
  if (seconds > MAX_TIMEOUT_SECONDS) {
    throw new CliError(`--timeout: at most ${MAX_TIMEOUT_SECONDS} seconds.`)
  }
  const deadlineMs = Math.max(1, Math.round(seconds * 1000))
  return { deadlineMs, inactivityTimeoutMs: Math.min(MAX_INACTIVITY_MS, deadlineMs) }
}
