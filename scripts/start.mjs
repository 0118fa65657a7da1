#!/usr/bin/env node
/**
 * `npm start`: makes sure Electron's binary is there before starting the app (electron-vite
 * preview). When it is missing (npm ran with --ignore-scripts, or could not download it) this says
 * what is missing, how to get it, and that the CLI does the same job meanwhile, instead of
 * Electron's own stack trace.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The executable inside an Electron dist folder, as Electron's install script names it. */
export function platformBinary(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * Where Electron's binary should be and whether it is there: the package's dist folder, or the
 * folder ELECTRON_OVERRIDE_DIST_PATH names.
 */
export function findElectron(root, env = process.env, platform = process.platform) {
  const pkgDir = join(root, 'node_modules', 'electron')
  const pkgFile = join(pkgDir, 'package.json')
  if (!existsSync(pkgFile)) return { ok: false, installed: false, binary: pkgDir }
  const version = JSON.parse(readFileSync(pkgFile, 'utf8')).version
  const pathFile = join(pkgDir, 'path.txt')
  const exe = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : platformBinary(platform)
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  const binary = override ? join(override, exe) : join(pkgDir, 'dist', exe)
  return { ok: existsSync(binary), installed: true, version, binary, override }
}

/** What to tell someone whose Electron binary is missing. */
export function missingElectronMessage(found, root = ROOT) {
  const where = relative(root, found.binary) || found.binary
  const version = found.version ?? ''
  const what = !found.installed
    ? `the electron package is not installed (no ${where}): run npm install first.`
    : found.override
      ? `ELECTRON_OVERRIDE_DIST_PATH is ${found.override}, but there is no Electron executable at ${found.binary}.`
      : `the Electron ${version} binary is not there (looked for ${where}). npm installs it only when install scripts may run and the download works.`
  return [
    `FlowX Launcher cannot start: ${what}`,
    '',
    'To get it:',
    '  npx install-electron --no          # Electron’s own installer: downloads the binary for this system',
    'Behind a proxy or on a corporate network, from a mirror of the Electron releases:',
    '  ELECTRON_MIRROR=https://mirror.example.com/electron/ npx install-electron --no',
    `Offline, with ${version ? `an Electron ${version}` : 'an Electron'} build already unpacked in a folder:`,
    '  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-dist npm start',
    '',
    'Meanwhile the command line does the same job without Electron:',
    '  npm run build',
    '  npx flowx-launcher sandbox                                   # a local FlowX to try it on',
    '  npx flowx-launcher start --profile "Local sandbox" --process "loan request"',
    '  npx flowx-launcher --help'
  ].join('\n')
}

function main() {
  const found = findElectron(ROOT)
  if (!found.ok) {
    console.error(missingElectronMessage(found))
    process.exitCode = 1
    return
  }
  const child = spawn('electron-vite', ['preview', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32'
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0)
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
