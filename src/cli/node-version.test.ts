import { runInNewContext } from 'node:vm'

import { describe, expect, it, vi } from 'vitest'

import { nodeCheckBanner, nodeProblem } from './node-version'

describe('Node.js version check', () => {
  it('names the Node needed and the way out on an old Node', () => {
    const problem = nodeProblem('20.20.2')
    expect(problem).toContain('Node.js 22.13 or newer')
    expect(problem).toContain('this is Node.js 20.20.2')
    expect(problem).toContain('npm run cli --')
    expect(nodeProblem('22.12.0')).toBeDefined()
  })

  it('lets a new enough Node through', () => {
    expect(nodeProblem('22.13.0')).toBeUndefined()
    expect(nodeProblem('24.21.0')).toBeUndefined()
    expect(nodeProblem('25.0.0')).toBeUndefined()
  })

  it('runs standalone as the first lines of the built CLI', () => {
    const run = (
      node: string
    ): { exit: ReturnType<typeof vi.fn>; write: ReturnType<typeof vi.fn> } => {
      const fake = { versions: { node }, exit: vi.fn(), stderr: { write: vi.fn() } }
      runInNewContext(nodeCheckBanner(), { process: fake })
      return { exit: fake.exit, write: fake.stderr.write }
    }
    const old = run('20.1.0')
    expect(old.exit).toHaveBeenCalledWith(2)
    expect(old.write.mock.calls[0][0]).toContain('this is Node.js 20.1.0')
    const current = run('24.0.0')
    expect(current.exit).not.toHaveBeenCalled()
    expect(current.write).not.toHaveBeenCalled()
  })
})
