/**
 * Who may call main over IPC (security.md IPC-2): only the main frame of the app's own window,
 * showing the app entry. Everything else fails closed. `senderFrame` is null once a frame navigated
 * or was destroyed, and during unload it can point at another document (electron PR #43473).
 */
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron'

import { isAppEntryUrl, type AppEntry } from './app-url'
import type { SenderCheck } from './ipc'

type FrameFacts = Pick<WebFrameMain, 'url' | 'parent' | 'detached' | 'frameToken' | 'processId'>

/** A sender check bound to the window whose main frame may call main. */
export function createSenderCheck(
  getContents: () => WebContents | undefined,
  entry: AppEntry
): SenderCheck {
  return (event: IpcMainInvokeEvent): boolean => {
    try {
      const contents = getContents()
      if (!contents || event.sender !== contents || contents.isDestroyed()) return false
      const frame: FrameFacts | null = event.senderFrame
      const main: FrameFacts | null = contents.mainFrame
      if (!frame || !main || frame.detached || frame.parent !== null) return false
      if (!isSameFrame(frame, main)) return false
      return isAppEntryUrl(frame.url, entry)
    } catch {
      // A destroyed frame throws on property access: that is a refusal, never a pass.
      return false
    }
  }
}

/** Identity first; Electron keeps one wrapper per frame, the token comparison is a fallback. */
function isSameFrame(frame: FrameFacts, main: FrameFacts): boolean {
  if (frame === main) return true
  return (
    typeof frame.frameToken === 'string' &&
    frame.frameToken !== '' &&
    frame.frameToken === main.frameToken &&
    frame.processId === main.processId
  )
}
