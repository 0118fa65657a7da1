/** Short "what to do about it" lines for start failures (flowx-api.md §b, §c). */
import type { StartMode } from '../../shared/domain'
import type { ErrorCode } from '../../shared/errors'

/** The advice for any outcome in which FlowX may have created the instance. */
export const CHECK_BEFORE_RETRY =
  'FlowX may have started the process: check FlowX before launching again.'

/** What a hint is chosen from. */
export interface HintInput {
  code: ErrorCode
  httpStatus?: number
  /** The message and detail together; FlowX's wording picks the more specific hints. */
  text: string
  mode: StartMode
  /** Whether an Authorization header was sent. */
  tokenSent: boolean
}

/**
 * Hints keyed on FlowX's documented messages (flowx-api.md §c.3), checked before the status. The
 * first match wins, so "Start node for process definition not found." must come first.
 */
const BY_MESSAGE: [RegExp, string][] = [
  [
    /start node for process definition not found/i,
    'No start node matches: check the "startCondition" in the payload.'
  ],
  [
    /process definition not found/i,
    'Check the process name (case, brackets and spaces count) and that the process is committed in that build.'
  ],
  [/mandatory param/i, 'Add the missing mandatory parameters to the payload.'],
  [
    /start condition not specified|multiple start nodes/i,
    'The process has several start nodes: add a "startCondition" field to the payload.'
  ],
  [
    /potentially malicious|requestrejected/i,
    'The server refused the URL itself: the process name likely holds / % ; or \\, which FlowX cannot accept in a path.'
  ],
  [/required request header.*flowx-platform/i, 'Set the platform on the profile (e.g. web).']
]

function notFoundHint(mode: StartMode): string {
  return mode === 'build'
    ? 'Check the app id and build id, and that the build belongs to that app.'
    : 'Check the workspace and app ids, and that the app has an active build in that workspace.'
}

/** A short hint for an error, or undefined when there is nothing useful to add. */
export function hintFor(input: HintInput): string | undefined {
  const { code, httpStatus, text, mode, tokenSent } = input
  if (code === 'VALIDATION' || code === 'NOT_FOUND' || code === 'HTTP_ERROR') {
    const match = BY_MESSAGE.find(([pattern]) => pattern.test(text))
    if (match) return match[1]
  }
  switch (code) {
    case 'UNAUTHORIZED':
      return tokenSent
        ? 'The token has expired or is not valid for this server: paste a fresh one.'
        : 'This profile has no token: paste one.'
    case 'FORBIDDEN':
      return 'The token lacks the role to start this process; since FlowX 5.8 the role must be granted on the solution (Share).'
    case 'NOT_FOUND':
      return notFoundHint(mode)
    case 'VALIDATION':
      return 'FlowX refused the request: check the payload and the ids.'
    case 'PAYLOAD_TOO_LARGE':
      return "A proxy or gateway in front of FlowX may allow less than FlowX's 1 MB: remove large values, or ask for that limit."
    case 'SERVER':
      if (httpStatus === 504) return CHECK_BEFORE_RETRY
      if (httpStatus === 502 || httpStatus === 503) {
        return 'The gateway could not reach FlowX: the runtime may be down or restarting. Try again later.'
      }
      return 'Check FlowX Designer → Failed process start for this process.'
    case 'REDIRECT':
      return 'Check the base URL: it should be the runtime base (…/rtm) on https, as the server expects it.'
    case 'TLS':
      return 'If the server uses a private certificate authority, add its certificate to the profile; check the host name in the base URL.'
    default:
      return undefined
  }
}
