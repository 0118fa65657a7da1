/** Deterministic, realistic launches for the ledger benchmark. */
import type {
  LaunchCompletion,
  LaunchStatus,
  NewLaunch,
  ProfileColor
} from '../../src/shared/domain'

/** A small seeded PRNG (mulberry32), so every run builds the same ledger. */
export function makeRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The profiles launches are spread over. */
export const PROFILES: readonly { id: string; name: string; color: ProfileColor }[] = [
  { id: 'dev', name: 'Development', color: 'blue' },
  { id: 'test', name: 'Test', color: 'green' },
  { id: 'uat', name: 'UAT', color: 'amber' },
  { id: 'staging', name: 'Staging EU', color: 'purple' },
  { id: 'prod', name: 'Production', color: 'red' }
]

const DOMAINS = [
  'customer',
  'loan',
  'card',
  'account',
  'mortgage',
  'claim',
  'policy',
  'kyc',
  'payment',
  'lead'
]
const STEPS = ['onboarding', 'application', 'renewal', 'closure', 'review']

/** About fifty process names, some with brackets as FlowX projects use them. */
export const PROCESS_NAMES: readonly string[] = DOMAINS.flatMap((domain, d) =>
  STEPS.map((step, s) => ((d + s) % 7 === 0 ? `[DOCS]${domain}_${step}` : `${domain}_${step}`))
)

/** Words a user types into the history search box. */
export const SEARCH_WORDS: readonly string[] = [
  'onboard',
  'loan appl',
  'kyc',
  'mortgage ren',
  'DOCS claim'
]

const FIRST = ['Alice', 'Bogdan', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Giulia', 'Hiro']
const CITIES = ['Bucharest', 'Cluj-Napoca', 'Lisbon', 'Berlin', 'Madrid', 'Warsaw']

/** A fixed-layout UUID from the PRNG (faster than crypto and reproducible). */
export function makeUuid(random: () => number): string {
  const hex = (): string =>
    Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  const [a, b, c, d] = [hex(), hex(), hex(), hex()]
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`
}

/** A JSON payload of about 1 KB, shaped like a customer onboarding form. */
export function makePayload(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const name = pick(FIRST)
  const payload = {
    customer: {
      firstName: name,
      lastName: `Test${Math.floor(random() * 10_000)}`,
      email: `${name.toLowerCase()}.${Math.floor(random() * 1e6)}@example.com`,
      phone: `+40 7${Math.floor(random() * 1e8)}`,
      birthDate: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      address: {
        street: `Strada ${pick(FIRST)} ${Math.floor(random() * 200)}`,
        city: pick(CITIES),
        zip: `${Math.floor(random() * 1e6)}`
      }
    },
    application: {
      product: pick(DOMAINS),
      amount: Math.floor(random() * 500_000),
      currency: 'EUR',
      termMonths: 12 * (1 + Math.floor(random() * 30)),
      channel: pick(['web', 'mobile', 'branch']),
      consent: { marketing: random() < 0.5, terms: true, gdpr: true }
    },
    documents: Array.from({ length: 3 }, (_, i) => ({
      type: pick(['ID_CARD', 'PAYSLIP', 'UTILITY_BILL', 'CONTRACT']),
      fileId: makeUuid(random),
      pages: 1 + i
    })),
    notes:
      'Replayed from the support queue after a timeout on the first attempt; customer confirmed the details by phone.',
    metadata: {
      requestedBy: `${pick(FIRST).toLowerCase()}@bank.example.com`,
      ticket: `SUP-${Math.floor(random() * 100_000)}`,
      source: pick(['history-replay', 'template', 'manual']),
      locale: pick(['ro-RO', 'en-GB', 'pt-PT', 'de-DE'])
    },
    correlationId: makeUuid(random)
  }
  return JSON.stringify(payload)
}

/** Each profile's apps and their builds: a few of each, as a real team has. */
const TARGETS = PROFILES.map((_, p) => {
  const random = makeRandom(1000 + p)
  return Array.from({ length: 3 }, () => ({
    appId: makeUuid(random),
    buildIds: Array.from({ length: 4 }, () => makeUuid(random))
  }))
})

/** A new launch at `startedAt`: random profile, app, build, process name and payload. */
export function makeBenchLaunch(random: () => number, startedAt: string): NewLaunch {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const p = Math.floor(random() * PROFILES.length)
  const profile = PROFILES[p]
  const processName = pick(PROCESS_NAMES)
  const { appId, buildIds } = pick(TARGETS[p])
  const buildId = pick(buildIds)
  return {
    startedAt,
    profileId: profile.id,
    profileName: profile.name,
    profileColor: profile.color,
    mode: 'build',
    appId,
    buildId,
    processName,
    baseUrl: `https://admin.${profile.id}.example.com/rtm`,
    path: `/api/runtime/app/${appId}/build/${buildId}/process-name/${encodeURIComponent(processName)}/start`,
    payload: makePayload(random),
    tlsVerification: 'on'
  }
}

/** An outcome: mostly started with 1-3 tokens, some failed, a few unknown. */
export function makeCompletion(
  random: () => number,
  nextTokenId: () => number
): LaunchCompletion & { status: Exclude<LaunchStatus, 'pending'> } {
  const roll = random()
  const durationMs = Math.round(80 + random() * 900)
  if (roll < 0.1) {
    return {
      status: 'failed',
      httpStatus: 400,
      durationMs,
      error: {
        code: 'VALIDATION',
        message: 'Mandatory parameter customer.email is missing.',
        httpStatus: 400
      }
    }
  }
  if (roll < 0.12) {
    return {
      status: 'unknown',
      durationMs,
      error: { code: 'TIMEOUT', message: 'FlowX did not answer in time.' }
    }
  }
  const tokens = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
    id: String(nextTokenId()),
    state: 'ACTIVE',
    statusCurrentNode: 'ARRIVED'
  }))
  return {
    status: 'started',
    httpStatus: 200,
    durationMs,
    instance: { uuid: makeUuid(random), state: 'STARTED', processDefinitionName: 'bench', tokens }
  }
}
