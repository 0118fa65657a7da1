/** Recognising a pasted cURL command or FlowX start URL, so the form can offer to read it. */

/** A cURL command (`curl …`, as devtools copy it, bash or cmd flavour). */
const CURL = /^\s*curl(\.exe)?\s/i
/** A runtime start URL: `…/api/runtime/…/start` or `…/process-name/<name>/start`. */
const START_URL = /^\s*https?:\/\/\S+\/(api\/runtime\/|process-name\/)\S*\/start\S*\s*$/i

export function looksLikeCurlOrStartUrl(text: string): boolean {
  return CURL.test(text) || START_URL.test(text)
}

/** What a cURL command is copied from: the launch form, or a history entry. */
export type CurlSource =
  { kind: 'form' } | { kind: 'launch'; id: string; profileName: string; protected: boolean }
