/**
 * The one GET the launcher makes to FlowX (build info), with the same settings as a start
 * (security.md NET-1…6): no absolute URLs, no redirects followed, the profile's agents and proxy,
 * an inactivity timeout and a total deadline. It never throws.
 */
import axios, { isAxiosError } from 'axios'

import { MAX_RESPONSE_BYTES, toAnswer, type HttpAnswer } from '../launcher/http-client'
import { rawTextExchange } from '../net/raw-exchange'
import { axiosNetOptions } from '../net/tunnel'
import type { NetTransport } from '../net/types'

export interface GetRequest {
  baseUrl: string
  /** Encoded path below the base. */
  path: string
  headers: Record<string, string>
  inactivityTimeoutMs: number
  signal: AbortSignal
  transport: NetTransport
}

/** An HTTP answer, headers keyed in lower case. */
export type GetAnswer = HttpAnswer

export type GetResult = { ok: true; response: GetAnswer } | { ok: false; error: unknown }

/** GET `baseUrl + path` and report the answer or the transport error. */
export async function getText(request: GetRequest): Promise<GetResult> {
  const net = axiosNetOptions(request.transport, request.baseUrl)
  try {
    const response = await axios.request<string>({
      method: 'GET',
      baseURL: request.baseUrl,
      url: request.path,
      allowAbsoluteUrls: false,
      maxRedirects: 0,
      proxy: net.proxy,
      httpAgent: net.httpAgent,
      httpsAgent: net.httpsAgent,
      headers: request.headers,
      signal: request.signal,
      timeout: request.inactivityTimeoutMs,
      maxContentLength: MAX_RESPONSE_BYTES,
      ...rawTextExchange(),
      redact: ['authorization', 'proxy-authorization']
    })
    return { ok: true, response: toAnswer(response) }
  } catch (error) {
    if (isAxiosError(error) && error.response) {
      return { ok: true, response: toAnswer(error.response) }
    }
    return { ok: false, error }
  }
}
