/**
 * The dynamic built-ins, with Postman's names so testers' habits carry over: `{{$uuid}}`,
 * `{{$timestamp}}` (Unix seconds), `{{$isoTimestamp}}`, `{{$randomInt}}` (0–1000) and the common
 * `$random*` values. Synchronous and small: a hand-made generator over short word lists instead of
 * a fake-data library (≈1 MB+), so the renderer can lint and preview without loading anything.
 */
import * as W from './fake-words'

/** Where built-ins get randomness and time; tests pass fixed ones. */
export interface BuiltinSource {
  /** Uniform in [0, 1). */
  random: () => number
  now: () => Date
  uuid: () => string
}

function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

export const defaultBuiltinSource: BuiltinSource = {
  random: Math.random,
  now: () => new Date(),
  uuid: () =>
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID()
      : randomUuid(Math.random)
}

type Generator = (s: BuiltinSource) => string

const int = (s: BuiltinSource, min: number, max: number): number =>
  min + Math.floor(s.random() * (max - min + 1))
const pick = <T>(s: BuiltinSource, items: readonly T[]): T => items[int(s, 0, items.length - 1)]
const digits = (s: BuiltinSource, count: number): string =>
  Array.from({ length: count }, () => String(int(s, 0, 9))).join('')
const chars = (s: BuiltinSource, alphabet: string, count: number): string =>
  Array.from({ length: count }, () => alphabet[int(s, 0, alphabet.length - 1)]).join('')
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()

function person(s: BuiltinSource): { first: string; last: string } {
  return { first: pick(s, W.FIRST_NAMES), last: pick(s, W.LAST_NAMES) }
}

function email(s: BuiltinSource, domain: string): string {
  const { first, last } = person(s)
  return `${ascii(first)}.${ascii(last)}${int(s, 1, 99)}@${domain}`
}

function domainWord(s: BuiltinSource): string {
  return `${pick(s, W.WORDS)}${pick(s, W.WORDS)}`
}

/** An IBAN-shaped value with valid ISO 7064 check digits (not a real account). */
function iban(s: BuiltinSource): string {
  const country = pick(s, ['RO', 'DE', 'NL', 'FR', 'ES', 'GB'])
  const bban =
    country === 'RO' || country === 'NL' || country === 'GB'
      ? chars(s, UPPER, 4) + digits(s, country === 'RO' ? 16 : country === 'NL' ? 10 : 14)
      : digits(s, country === 'DE' ? 18 : country === 'FR' ? 23 : 20)
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55))
  let rest = 0
  for (const d of numeric) rest = (rest * 10 + Number(d)) % 97
  const check = String(98 - rest).padStart(2, '0')
  return `${country}${check}${bban}`
}

const dayMs = 24 * 3600 * 1000
const dateAround = (s: BuiltinSource, fromDays: number, toDays: number): string =>
  new Date(s.now().getTime() + int(s, fromDays * 24, toDays * 24) * 3600 * 1000).toISOString()

/** Every built-in by name (with its `$`). */
const GENERATORS: Record<string, Generator> = {
  $guid: (s) => s.uuid(),
  $uuid: (s) => s.uuid(),
  $randomUUID: (s) => s.uuid(),
  $timestamp: (s) => String(Math.floor(s.now().getTime() / 1000)),
  $isoTimestamp: (s) => s.now().toISOString(),
  $randomInt: (s) => String(int(s, 0, 1000)),
  $randomBoolean: (s) => (s.random() < 0.5 ? 'true' : 'false'),
  $randomAlphaNumeric: (s) => chars(s, ALNUM, 1),
  $randomHexColor: (s) => `#${chars(s, HEX, 6)}`,
  $randomColor: (s) => pick(s, W.COLORS),
  $randomAbbreviation: (s) => chars(s, UPPER, 3),
  $randomIP: (s) => [int(s, 1, 223), int(s, 0, 255), int(s, 0, 255), int(s, 1, 254)].join('.'),
  $randomIPV6: (s) => Array.from({ length: 8 }, () => chars(s, HEX, 4)).join(':'),
  $randomMACAddress: (s) => Array.from({ length: 6 }, () => chars(s, HEX, 2)).join(':'),
  $randomPassword: (s) => chars(s, `${ALNUM}${UPPER}`, 15),
  $randomLocale: (s) => pick(s, W.LOCALES),
  $randomSemver: (s) => `${int(s, 0, 9)}.${int(s, 0, 20)}.${int(s, 0, 50)}`,
  $randomFirstName: (s) => pick(s, W.FIRST_NAMES),
  $randomLastName: (s) => pick(s, W.LAST_NAMES),
  $randomFullName: (s) => {
    const { first, last } = person(s)
    return `${first} ${last}`
  },
  $randomNamePrefix: (s) => pick(s, W.NAME_PREFIXES),
  $randomNameSuffix: (s) => pick(s, W.NAME_SUFFIXES),
  $randomJobTitle: (s) => pick(s, W.JOB_TITLES),
  $randomUserName: (s) => {
    const { first, last } = person(s)
    return `${ascii(first)}_${ascii(last)}${int(s, 1, 999)}`
  },
  $randomEmail: (s) => email(s, `${domainWord(s)}.${pick(s, W.DOMAIN_SUFFIXES)}`),
  $randomExampleEmail: (s) => email(s, pick(s, ['example.com', 'example.net', 'example.org'])),
  $randomPhoneNumber: (s) => `${digits(s, 3)}-${digits(s, 3)}-${digits(s, 4)}`,
  $randomPhoneNumberExt: (s) => `${int(s, 1, 99)}-${digits(s, 3)}-${digits(s, 3)}-${digits(s, 4)}`,
  $randomCity: (s) => pick(s, W.CITIES),
  $randomStreetName: (s) => pick(s, W.STREETS),
  $randomStreetAddress: (s) => `${int(s, 1, 999)} ${pick(s, W.STREETS)}`,
  $randomCountry: (s) => pick(s, W.COUNTRIES)[0],
  $randomCountryCode: (s) => pick(s, W.COUNTRIES)[1],
  $randomLatitude: (s) => (s.random() * 180 - 90).toFixed(4),
  $randomLongitude: (s) => (s.random() * 360 - 180).toFixed(4),
  $randomCompanyName: (s) => `${pick(s, W.COMPANY_WORDS)} ${pick(s, W.COMPANY_NOUNS)}`,
  $randomCompanySuffix: (s) => pick(s, W.COMPANY_SUFFIXES),
  $randomBankAccount: (s) => digits(s, 8),
  $randomBankAccountName: (s) => `${pick(s, W.PRODUCTS)} Account`,
  $randomBankAccountIban: iban,
  $randomIban: iban,
  $randomBankAccountBic: (s) =>
    `${chars(s, UPPER, 4)}${pick(s, W.COUNTRIES)[1]}${chars(s, UPPER, 2)}`,
  $randomCreditCardMask: (s) => digits(s, 4),
  $randomTransactionType: (s) => pick(s, W.TRANSACTION_TYPES),
  $randomCurrencyCode: (s) => pick(s, W.CURRENCIES)[0],
  $randomCurrencyName: (s) => pick(s, W.CURRENCIES)[1],
  $randomCurrencySymbol: (s) => pick(s, W.CURRENCIES)[2],
  $randomPrice: (s) => (int(s, 100, 100_000) / 100).toFixed(2),
  $randomProductName: (s) => `${pick(s, W.COMPANY_WORDS)} ${pick(s, W.PRODUCTS)}`,
  $randomDomainName: (s) => `${domainWord(s)}.${pick(s, W.DOMAIN_SUFFIXES)}`,
  $randomDomainSuffix: (s) => pick(s, W.DOMAIN_SUFFIXES),
  $randomDomainWord: domainWord,
  $randomUrl: (s) => `https://${domainWord(s)}.${pick(s, W.DOMAIN_SUFFIXES)}`,
  $randomWord: (s) => pick(s, W.WORDS),
  $randomWords: (s) => Array.from({ length: int(s, 2, 5) }, () => pick(s, W.WORDS)).join(' '),
  $randomLoremWord: (s) => pick(s, W.WORDS),
  $randomLoremSentence: (s) => {
    const words = Array.from({ length: int(s, 5, 10) }, () => pick(s, W.WORDS)).join(' ')
    return `${words[0].toUpperCase()}${words.slice(1)}.`
  },
  $randomDateFuture: (s) => dateAround(s, 1, 365),
  $randomDatePast: (s) => dateAround(s, -365, -1),
  $randomDateRecent: (s) => dateAround(s, -2, 0),
  $randomBirthDate: (s) =>
    new Date(s.now().getTime() - int(s, 18 * 365, 80 * 365) * dayMs).toISOString().slice(0, 10),
  $randomWeekday: (s) => pick(s, W.WEEKDAYS),
  $randomMonth: (s) => pick(s, W.MONTHS)
}

/** Every built-in name, sorted, for completion in the editor and the README. */
export const BUILTIN_NAMES: readonly string[] = Object.keys(GENERATORS).sort()

export function isBuiltin(name: string): boolean {
  return Object.hasOwn(GENERATORS, name)
}

/** A new value of the built-in `name`, or undefined when there is no such built-in. */
export function generateBuiltin(name: string, source: BuiltinSource): string | undefined {
  return Object.hasOwn(GENERATORS, name) ? GENERATORS[name](source) : undefined
}

/** The built-in names closest to a mistyped one ("$uuid" for "$uid"). */
export function suggestBuiltin(name: string): string | undefined {
  const lower = name.toLowerCase()
  return (
    BUILTIN_NAMES.find((b) => b.toLowerCase() === lower) ??
    BUILTIN_NAMES.find(
      (b) => b.toLowerCase().startsWith(lower) || lower.startsWith(b.toLowerCase())
    )
  )
}
