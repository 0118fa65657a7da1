/**
 * The axios settings every call of ours shares: the body goes out as given, the answer comes back
 * as text whatever its status, and we parse and classify it ourselves — axios never throws on a
 * status, guesses JSON, or hides a timeout behind a generic code.
 */
import type { AxiosRequestConfig } from 'axios'

export function rawTextExchange(): Pick<
  AxiosRequestConfig,
  | 'decompress'
  | 'validateStatus'
  | 'responseType'
  | 'responseEncoding'
  | 'transformRequest'
  | 'transformResponse'
  | 'transitional'
> {
  return {
    decompress: true,
    validateStatus: () => true,
    responseType: 'text',
    responseEncoding: 'utf8',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false }
  }
}
