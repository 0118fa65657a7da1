/**
 * The command line's help texts: what every command's help ends with (the environment variables
 * and exit codes), the examples, and the flags refused because they would carry a secret.
 */
import { CLIENT_SECRET_ENV, PASSWORD_ENV, PROXY_PASSWORD_ENV, TOKEN_ENV } from './context'
import { DATA_DIR_ENV } from './data-dir'

export const FOOTER = `
Environment (secrets are never taken as flags):
  ${TOKEN_ENV}          bearer token (ad hoc, or a profile that uses a pasted token)
  ${CLIENT_SECRET_ENV}  client secret for --client-id, or a profile's client credentials
  ${PASSWORD_ENV}       password for --username, or a profile's password grant
  ${DATA_DIR_ENV}  data directory shared with the app (--data-dir wins)
  ${PROXY_PASSWORD_ENV}  proxy password (a profile's manual proxy, or the user in HTTPS_PROXY)
  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY (or lower-case)
                       the "System" proxy of a profile or --base-url, read as curl reads them

Exit codes:
  0    the process started (check: no item failed)
  1    FlowX answered with an error (HTTP error status, redirect) (check: an item failed)
  2    invalid input, or no token from the identity provider: nothing was sent or recorded
  3    network error, timeout, cancel, unreadable answer or TLS: check FlowX before retrying
  130  interrupted (Ctrl+C) while the call was in flight; the history records the outcome`

export const EXAMPLES = `
Examples (from a clone after npm run build; npx finds the command there):
  npx flowx-launcher sandbox                    # a local FlowX: its URL, ids and a demo token
  FLOWX_TOKEN=… npx flowx-launcher start --base-url https://admin.example.com/rtm \\
      --workspace 2ae77b6a-… --app dbe0ab87-… --process onboarding --data '{"customerId":"C-1"}'
  npx flowx-launcher start --profile staging --process onboarding --data @payload.json
  npx flowx-launcher check --profile staging    # runtime, certificate, route, token, clock
  npx flowx-launcher history --status failed --limit 20
  npx flowx-launcher profiles export --out team.json`

export const CHECK_EXAMPLES = `
Examples:
  npx flowx-launcher check --profile staging
  FLOWX_TOKEN=… npx flowx-launcher check --base-url https://admin.example.com/rtm
  FLOWX_CLIENT_SECRET=… npx flowx-launcher check --base-url https://admin.example.com/rtm \\
      --issuer https://kc.example.com/realms/flowx --client-id flowx-launcher --json`

/** Flags that would carry a secret, refused before commander (whose error would echo the value). */
export const SECRET_FLAGS: ReadonlyArray<[flag: string, env: string, what: string]> = [
  ['--token', TOKEN_ENV, 'token'],
  ['--client-secret', CLIENT_SECRET_ENV, 'client secret'],
  ['--password', PASSWORD_ENV, 'password']
]
