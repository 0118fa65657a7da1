/** Where the app keeps its files, and where the build put the preload and the renderer. */
import { isAbsolute, join, resolve } from 'node:path'

/** Overrides the data directory for the app and the CLI (DESIGN.md §3), e.g. for tests. */
export const HOME_ENV = 'FLOWX_LAUNCHER_HOME'

type Env = Readonly<Record<string, string | undefined>>

/** FLOWX_LAUNCHER_HOME made absolute, or undefined when it is not set. */
export function homeOverride(env: Env): string | undefined {
  const override = env[HOME_ENV]?.trim()
  return override ? resolve(override) : undefined
}

/** The data directory: FLOWX_LAUNCHER_HOME when set, else Electron's userData. */
export function resolveDataDir(env: Env, userData: string): string {
  const override = homeOverride(env)
  if (override) return override
  if (!isAbsolute(userData)) throw new Error('userData must be an absolute path.')
  return userData
}

/** The built files next to out/main: the single preload bundle and the renderer root. */
export function buildPaths(mainDir: string): { preload: string; renderer: string } {
  const out = resolve(mainDir, '..')
  return { preload: join(out, 'preload', 'index.js'), renderer: join(out, 'renderer') }
}

/** The main-process log file inside the data directory. */
export function logFile(dataDir: string): string {
  return join(dataDir, 'logs', 'main.log')
}
