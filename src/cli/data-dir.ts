/**
 * Where the CLI finds the app's data: the same directory Electron gives the app as `userData`, so
 * profiles and history are shared (DESIGN.md §3).
 */
import { posix, resolve, win32 } from 'node:path'

/** The folder name under the platform's app-data directory; the app's product name. */
export const APP_DIR_NAME = 'FlowX Launcher'

/** Environment variable that overrides the data directory (below `--data-dir`). */
export const DATA_DIR_ENV = 'FLOWX_LAUNCHER_HOME'

export type Env = Readonly<Record<string, string | undefined>>

/**
 * The app's userData directory as Electron computes it: appData (`%APPDATA%`, `~/Library/Application
 * Support`, or `$XDG_CONFIG_HOME` / `~/.config`) joined with the product name. Pure: no I/O.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: Env, home: string): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming')
    return win32.join(appData, APP_DIR_NAME)
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', APP_DIR_NAME)
  }
  // Chromium's GetXDGDirectory: any non-empty XDG_CONFIG_HOME wins, else ~/.config.
  const config = nonEmpty(env.XDG_CONFIG_HOME) ?? posix.join(home, '.config')
  return posix.join(config, APP_DIR_NAME)
}

export interface DataDirSources {
  /** The `--data-dir` flag, if given. */
  flag?: string
  env: Env
  platform: NodeJS.Platform
  home: string
  cwd: string
}

/** The data directory to use, absolute: `--data-dir`, then FLOWX_LAUNCHER_HOME, then the app's. */
export function resolveDataDir(sources: DataDirSources): string {
  const chosen =
    nonEmpty(sources.flag) ??
    nonEmpty(sources.env[DATA_DIR_ENV]) ??
    defaultDataDir(sources.platform, sources.env, sources.home)
  return resolve(sources.cwd, chosen)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}
