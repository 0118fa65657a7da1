/** Runs the built-in FlowX sandbox in-process for the Local sandbox profile, started on demand. */
import type { Sandbox, SandboxOptions } from '../../sandbox'

export type StartSandbox = (options?: SandboxOptions) => Promise<Sandbox>

/** The port the Local sandbox prefers, so its URL stays the same from one run to the next. */
export const PREFERRED_SANDBOX_PORT = 47210

export class SandboxHost {
  private instance?: Promise<Sandbox>

  constructor(
    private readonly start: StartSandbox,
    private readonly preferredPort: number = PREFERRED_SANDBOX_PORT
  ) {}

  /** Start the sandbox if needed (once, however many callers wait) and return it. */
  ensure(): Promise<Sandbox> {
    this.instance ??= this.launch().catch((error: unknown) => {
      this.instance = undefined
      throw error
    })
    return this.instance
  }

  /** Whether the sandbox has been started (or is starting). */
  get running(): boolean {
    return this.instance !== undefined
  }

  /** Stop the sandbox if it runs. */
  async close(): Promise<void> {
    const running = this.instance
    this.instance = undefined
    if (running) await (await running).close().catch(() => undefined)
  }

  private async launch(): Promise<Sandbox> {
    if (this.preferredPort === 0) return this.start({ port: 0 })
    try {
      return await this.start({ port: this.preferredPort })
    } catch {
      // The preferred port is taken (another copy, another tool): any free port will do.
      return this.start({ port: 0 })
    }
  }
}
