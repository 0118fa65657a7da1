/**
 * The lint rules that guard the boundary (security.md BLD-3, WIN-2) are really in force: each
 * forbidden construct, linted with the project's own eslint.config.mjs at a path where it would
 * live, is an error of the expected rule, and the same file without it is clean.
 */
import { resolve } from 'node:path'

import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')
const eslint = new ESLint({ cwd: ROOT })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) })
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message)
}

const RENDERER_TS = 'src/renderer/src/lib/boundary-fixture.ts'
const RENDERER_VUE = 'src/renderer/src/components/BoundaryFixture.vue'
const CORE_TS = 'src/core/boundary-fixture.ts'
const MAIN_TS = 'src/main/boundary-fixture.ts'

const cases: [string, string, string, string][] = [
  [
    'v-html in a component',
    RENDERER_VUE,
    '<template><div v-html="html" /></template>\n<script setup lang="ts">\nconst html = "<b>x</b>"\n</script>\n',
    'vue/no-v-html'
  ],
  ['eval', CORE_TS, "export const x = eval('1')\n", 'no-eval'],
  ['new Function', CORE_TS, "export const f = new Function('return 1')\n", 'no-new-func'],
  ['a string timer (implied eval)', CORE_TS, "setTimeout('run()', 1)\n", 'no-implied-eval'],
  [
    'a string timer in the renderer',
    RENDERER_TS,
    "window.setTimeout('run()', 1)\n",
    'no-implied-eval'
  ],
  [
    'electron in the renderer',
    RENDERER_TS,
    "import { ipcRenderer } from 'electron'\nexport const r = ipcRenderer\n",
    'no-restricted-imports'
  ],
  [
    'axios in the renderer',
    RENDERER_TS,
    "import axios from 'axios'\nexport const a = axios\n",
    'no-restricted-imports'
  ],
  [
    'electron-store in the renderer',
    RENDERER_TS,
    "import Store from 'electron-store'\nexport const s = Store\n",
    'no-restricted-imports'
  ],
  [
    'node:fs in the renderer',
    RENDERER_TS,
    "import { readFileSync } from 'node:fs'\nexport const r = readFileSync\n",
    'no-restricted-imports'
  ],
  [
    'electron in core',
    CORE_TS,
    "import { app } from 'electron'\nexport const a = app\n",
    'no-restricted-imports'
  ],
  [
    'a bare ipcMain.handle in main (IPC-2)',
    MAIN_TS,
    "import { ipcMain } from 'electron'\nipcMain.handle('x', () => 1)\n",
    'no-restricted-syntax'
  ]
]

// Loading the Vue and TypeScript parsers is slow on a busy machine; the limit only stops a hang.
describe('boundary lint rules (BLD-3)', { timeout: 120_000 }, () => {
  it.each(cases)('%s is an error', async (_name, filePath, code, rule) => {
    expect(await ruleIds(filePath, code)).toContain(rule)
  })

  it.each([
    ['a renderer module', RENDERER_TS, "import { ref } from 'vue'\nexport const r = ref(1)\n"],
    [
      'a component rendering text',
      RENDERER_VUE,
      '<template><div>{{ html }}</div></template>\n<script setup lang="ts">\nconst html = "<b>x</b>"\n</script>\n'
    ],
    ['core code', CORE_TS, "import { join } from 'node:path'\nexport const j = join('a', 'b')\n"]
  ])('%s without them is clean (the positive control)', async (_name, filePath, code) => {
    expect(await ruleIds(filePath, code)).toEqual([])
  })
})
