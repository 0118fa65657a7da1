/** Error bodies the sandbox sends: FlowX problem+json, JHipster legacy problems and HTML pages. */

/** The `type` of FlowX 5.9 problems (flowx-api.md §c). */
export const PROBLEM_TYPE = 'https://www.flowx.ai/error'
/** The `type` of 4.x JHipster problems. */
export const JHIPSTER_TYPE = 'https://www.jhipster.tech/problem/problem-with-message'

/** The JHipster-only fields of a 4.x problem. */
export interface LegacyFields {
  errorKey: string
  entityName: string
}

/** A problem body: the 5.9 shape, or the 4.x JHipster shape when `legacy` is given. */
export function problemBody(
  status: number,
  title: string,
  detail?: string,
  legacy?: LegacyFields
): Record<string, unknown> {
  if (!legacy) return { type: PROBLEM_TYPE, title, status, ...(detail ? { detail } : {}) }
  // Field order as in the documented 4.x sample (flowx-api.md §c.2).
  return {
    entityName: legacy.entityName,
    defaultMessage: title,
    errorKey: legacy.errorKey,
    type: JHIPSTER_TYPE,
    title,
    status,
    ...(detail ? { detail } : {}),
    message: legacy.errorKey,
    params: legacy.entityName
  }
}

const NGINX_REASONS: Record<number, string> = {
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out'
}

/** The page NGINX (the FlowX ingress) sends for its own errors. */
export function nginxPage(status: number): string {
  const line = `${status} ${NGINX_REASONS[status] ?? 'Error'}`
  return (
    `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n` +
    `<center><h1>${line}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  )
}

/** A servlet-container 400 page, as Spring's firewall rejection ends up in front of users. */
export function badRequestPage(message: string): string {
  return (
    '<!doctype html><html lang="en"><head><title>HTTP Status 400 – Bad Request</title></head>' +
    '<body><h1>HTTP Status 400 – Bad Request</h1><hr class="line" />' +
    `<p><b>Type</b> Status Report</p><p><b>Message</b> ${escapeHtml(message)}</p>` +
    '<p><b>Description</b> The server cannot or will not process the request due to something ' +
    'that is perceived to be a client error.</p></body></html>'
  )
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
