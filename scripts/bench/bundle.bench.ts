/**
 * Renderer bundle benchmark: builds the renderer (production, as `npm run build` does) into a
 * temp directory and prints the gzip sizes of what the first screen loads: the entry chunk, the
 * chunks it imports statically (modulepreload), the CSS, and the payload editor (CodeMirror),
 * which loads after the first paint. Targets: initial JS ≤ 200 KB gzip; the launch view's first
 * paint (JS + CSS) ≤ 300 KB gzip. Figures only; no thresholds fail anything.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

import type { InlineConfig } from 'vite'

const ROOT = resolve(__dirname, '../..')
const KB = 1024

function gz(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1).padStart(7)} KB`
}

/** The chunks a module imports statically (`import"./x.js"`, `from"./x.js"`), transitively. */
function staticClosure(assets: string, entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(join(assets, file), 'utf8')
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(m[1])
  }
  visit(entry)
  return [...seen]
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'flowx-bundle-'))
  try {
    // ESM entry points of both (their CommonJS builds cannot resolve vite's own helpers).
    const { loadConfigFromFile } = await import('electron-vite')
    const { build } = await import('vite')
    const loaded = await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      join(ROOT, 'electron.vite.config.ts')
    )
    const renderer = (loaded.config as { renderer: InlineConfig }).renderer
    await build({
      ...renderer,
      configFile: false,
      logLevel: 'warn',
      build: {
        ...renderer.build,
        outDir: out,
        emptyOutDir: true,
        rollupOptions: {
          ...renderer.build?.rollupOptions,
          input: join(ROOT, 'src/renderer/index.html')
        }
      }
    })
    const assets = join(out, 'assets')
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    const entry = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1]
    if (!entry) throw new Error('No entry script in the built index.html')
    const css = [...html.matchAll(/<link rel="stylesheet"[^>]+href="\/assets\/([^"]+\.css)"/g)].map(
      (m) => m[1]
    )
    const initial = staticClosure(assets, entry)
    const files = readdirSync(assets)
    const all = files.filter((f) => f.endsWith('.js'))
    const editor = files.filter((f) => /^PayloadEditor-.*\.(js|css)$/.test(f))

    const initialJs = initial.reduce((sum, f) => sum + gz(join(assets, f)), 0)
    const initialCss = css.reduce((sum, f) => sum + gz(join(assets, f)), 0)
    const editorSize = editor.reduce((sum, f) => sum + gz(join(assets, f)), 0)
    const total = all.reduce((sum, f) => sum + gz(join(assets, f)), 0)

    console.log('Renderer bundle (gzip, level 9)')
    for (const f of initial) console.log(`  initial  ${kb(gz(join(assets, f)))}  ${f}`)
    for (const f of css) console.log(`  css      ${kb(gz(join(assets, f)))}  ${f}`)
    console.log(`Initial JS (entry + static imports): ${kb(initialJs)}   target ≤ 200 KB`)
    console.log(
      `Launch view first paint, JS + CSS:   ${kb(initialJs + initialCss)}   target ≤ 300 KB`
    )
    console.log(`Payload editor, after first paint:   ${kb(editorSize)}`)
    console.log(`All JS chunks (${all.length}):               ${kb(total)}`)
    const lazy = all
      .filter((f) => !initial.includes(f))
      .map((f) => [f, gz(join(assets, f))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
    console.log('Largest lazy chunks:')
    for (const [f, size] of lazy) console.log(`  ${kb(size)}  ${f}`)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
