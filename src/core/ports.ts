/**
 * The few services core needs from its host. The Electron shell implements them with Electron
 * (src/main/adapters); the CLI and tests implement them without it. Core never imports 'electron'.
 */

/** How well the host can protect secrets at rest. */
export type CipherAvailability = 'available' | 'weak' | 'unavailable'

/** Encrypts secrets with the OS keychain (Electron's safeStorage in the app). */
export interface SecretCipher {
  /** 'weak' is Linux's basic_text backend: a hard-coded key, i.e. no real protection. */
  availability(): Promise<CipherAvailability>
  encrypt(plain: string): Promise<Uint8Array>
  /** The plain text, and whether the OS asks for the blob to be sealed again (a rotated key). */
  decrypt(blob: Uint8Array): Promise<Decrypted>
}

export interface Decrypted {
  value: string
  shouldReEncrypt: boolean
}

/** A small JSON document store (electron-store in the app, conf in the CLI and tests). */
export interface KeyValueStore {
  readonly path: string
  readonly store: Record<string, unknown>
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
  clear(): void
}

export interface StoreBackendOptions {
  /** File name without extension. */
  name: string
  /** Absolute directory. */
  cwd: string
  defaults: Record<string, unknown>
  /** File mode for new files, e.g. 0o600 for secrets. */
  fileMode?: number
}

/** Opens (or creates) a store file. Validation and corrupt-file recovery happen in core. */
export type StoreBackend = (options: StoreBackendOptions) => KeyValueStore

/** Where main-process logs go; every line passes through the redactor first. */
export interface Logger {
  info(message: string, meta?: Record<string, unknown>): void
  warn(message: string, meta?: Record<string, unknown>): void
  error(message: string, meta?: Record<string, unknown>): void
}

/** A logger that drops everything (tests, CLI without --verbose). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined
}

/**
 * The OS proxy settings for a URL, as a PAC result string ("DIRECT", "PROXY host:port; DIRECT").
 * Electron's session.resolveProxy in the app; the CLI and tests answer DIRECT or a fixed proxy.
 */
export interface ProxyResolver {
  resolve(url: string): Promise<string>
  /**
   * For a proxy `resolve` chose ("host:port"): the setting it came from (shown in the route, e.g.
   * HTTPS_PROXY) and the credentials to sign in to it. The CLI's environment resolver has these;
   * the OS resolver does not.
   */
  proxyDetails?(hostPort: string): ProxyDetails | undefined
}

export interface ProxyDetails {
  source?: string
  username?: string
  password?: string
}

/** Resolves every URL to DIRECT. */
export const directProxyResolver: ProxyResolver = { resolve: () => Promise.resolve('DIRECT') }

/** The save and open dialogs of the host (Electron's dialog in the app, a folder in tests). */
export interface FileDialogs {
  /** Ask where to save `text`; the path written, or undefined when the user cancelled. */
  saveText(
    suggestedName: string,
    text: string,
    filter?: { name: string; extensions: readonly string[] }
  ): Promise<string | undefined>
  /** Ask for a file to open; its text, or undefined when the user cancelled. */
  openText(): Promise<string | undefined>
  /** Ask for a batch rows file (.csv, .json, .ndjson, .jsonl); its path, read by core as a stream. */
  pickFile?(purpose: 'rows'): Promise<string | undefined>
  /** Ask for a folder (a library folder to add); its absolute path, or undefined when cancelled. */
  pickFolder?(): Promise<string | undefined>
}
