/**
 * Workbench benchmark: template resolution of a 100 KB payload with 1,000 placeholders (target
 * ≤ 5 ms) and opening a library folder of 1,000 saved launches (target ≤ 300 ms). Figures only;
 * no thresholds. Run with `npx tsx scripts/bench/templates.bench.ts`.
 */
import { performance } from 'node:perf_hooks'

import { TemplateResolver } from '../../src/shared/templates'
import { benchLibrary } from './library-bench'

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function report(name: string, samples: number[]): void {
  const fmt = (ms: number): string => `${ms.toFixed(2)} ms`
  console.log(
    `  ${name.padEnd(52)} p50 ${fmt(percentile(samples, 50))}  p95 ${fmt(percentile(samples, 95))}  max ${fmt(Math.max(...samples))}`
  )
}

/** A ~100 KB JSON payload with 1,000 placeholders of every kind and context. */
function bigTemplate(): { text: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {}
  const items: string[] = []
  for (let i = 0; i < 250; i++) {
    variables[`customer${i}`] = `C-${100000 + i}`
    variables[`amount${i}`] = String(1000 + i)
    items.push(
      `    {"customerId": "{{customer${i}}}", "amount": {{amount${i}}}, "ref": "r-{{$uuid}}-${i}", ` +
        `"at": "{{$isoTimestamp}}", "note": "${'lorem ipsum dolor sit amet '.repeat(11)}"}`
    )
  }
  const text = `{\n  "items": [\n${items.join(',\n')}\n  ]\n}`
  return { text, variables }
}

function benchTemplates(): void {
  const { text, variables } = bigTemplate()
  const count = text.split('{{').length - 1
  console.log(`Template: ${(text.length / 1024).toFixed(0)} KB, ${count} placeholders`)
  for (let i = 0; i < 20; i++) {
    new TemplateResolver({ profileVariables: variables }).resolve(text, { json: true })
  }
  const samples: number[] = []
  for (let run = 0; run < 200; run++) {
    const t0 = performance.now()
    new TemplateResolver({ profileVariables: variables }).resolve(text, { json: true })
    samples.push(performance.now() - t0)
  }
  report('resolve 100 KB / 1,000 placeholders (target ≤ 5 ms)', samples)
}

benchTemplates()
void benchLibrary(report)
