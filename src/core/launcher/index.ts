/** Starting FlowX processes: the HTTP call and the classification of its outcome. */
export { classifyResponse, type ResponseInput } from './classify'
export { CHECK_BEFORE_RETRY, hintFor, type HintInput } from './hints'
export { MAX_RESPONSE_BYTES } from './http-client'
export { parseInstance } from './instance'
export {
  describeProblem,
  htmlToText,
  parseAuthChallenge,
  statusLine,
  type Problem,
  type ProblemInput
} from './problem'
export { redactError, redactText } from './redact'
export {
  checkedBaseUrl,
  DEFAULT_DEADLINE_MS,
  DEFAULT_INACTIVITY_TIMEOUT_MS,
  startProcess
} from './start'
export { classifyTransportError, type TransportContext } from './transport-error'
export type { StartOutcome, StartRequest } from './types'
