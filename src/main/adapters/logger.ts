/**
 * The main-process log file: electron-log's file transport behind the Redactor (security.md
 * LOG-1). It uses electron-log's Node entry on purpose: the Electron entry registers its own
 * `ipcMain` listeners, which would bypass the checked IPC wrapper.
 */
import log from 'electron-log/node'

import { createRedactingLogger, type Redactor } from '../../core/logging/redact'
import type { Logger } from '../../core/ports'

type ElectronLog = typeof log

/** Console output and the electron-log instance to use. */
export interface FileLoggerOptions {
  /** Also print to the console (development). */
  console?: boolean
  /** The electron-log instance to configure; tests pass their own. */
  base?: ElectronLog
}

const MAX_LOG_BYTES = 5 * 1024 * 1024

/** A Logger writing redacted lines to `file`. Callers log events, never IPC arguments. */
export function createFileLogger(
  file: string,
  redactor: Redactor,
  options: FileLoggerOptions = {}
): Logger {
  const base = (options.base ?? log).create({ logId: 'flowx-main' })
  base.transports.file.resolvePathFn = () => file
  base.transports.file.level = 'info'
  base.transports.file.maxSize = MAX_LOG_BYTES
  base.transports.console.level = options.console ? 'info' : false
  base.transports.remote.level = false
  return createRedactingLogger((level, message, meta) => {
    if (meta) base[level](message, meta)
    else base[level](message)
  }, redactor)
}
