/**
 * For tests: a core as the app creates it, on a data directory of the test's own, with real
 * stores, an in-memory keychain and no logging. `overrides` replace any dependency.
 */
import { createCore, type Core, type CoreDeps } from './app'
import { Redactor } from './logging/redact'
import { silentLogger } from './ports'
import { MemoryKeyCipher } from './secrets/memory-key-cipher'
import { confBackend } from './stores/conf-backend'

export function createTestCore(dataDir: string, overrides: Partial<CoreDeps> = {}): Promise<Core> {
  return createCore({
    dataDir,
    storeBackend: confBackend,
    cipher: new MemoryKeyCipher(),
    logger: silentLogger,
    redactor: new Redactor(),
    version: '0.0.0-test',
    copyText: () => undefined,
    files: { saveText: async () => undefined, openText: async () => undefined },
    startSandbox: async () => {
      throw new Error('no sandbox in this test')
    },
    sandboxPort: 0,
    ...overrides
  })
}
