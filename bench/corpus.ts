/**
 * A deterministic corpus of plan-shaped Markdown: same seed, same bytes, on every machine.
 * Each plan is ~12 KB with ~60 tasks, code fences (holding task-like lines that are not tasks),
 * tables, nested lists, a roadmap with phases, rollout steps and a Status Tracking list.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

import { mulberry32 } from './random';

export { mulberry32 };

const WORDS = 'plan module index parser queue retry cache token session schema migration endpoint handler worker config metric alert deploy rollout review latency budget storage client server adapter protocol'.split(' ');

export function generatePlan(i: number): string {
  const rnd = mulberry32(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const box = (): string => (rnd() < 0.45 ? '[x]' : rnd() < 0.1 ? '[-]' : '[ ]');
  const out: string[] = [];
  const phases = 4 + Math.floor(rnd() * 3);
  out.push(`# Plan ${i}: ${words(3)}`, '', `**Created:** 2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, '**Planner:** Opus 4.5', `**Status:** ${pick(['Planning Complete', 'Implementation In Progress', 'Completed'])}`, '**Implementer:** Sonnet 4.5', '', '---', '');
  out.push('## 1. Executive Summary', '', '**Problem Statement:**', `${words(40)}.`, '', '**Solution Approach:**', `${words(35)}.`, '', '**Success Criteria:**');
  for (let k = 0; k < 4; k++) out.push(`- ${box()} ${words(6)}`);
  out.push('', '## 2. Codebase Context', '', '| File | Purpose | Change |', '| --- | --- | --- |');
  for (let k = 0; k < 6; k++) out.push(`| \`src/${pick(WORDS)}/${pick(WORDS)}.ts\` | ${words(5)} | ${pick(['add', 'modify', 'remove'])} |`);
  out.push('', '```ts', '// Example: not tasks', '- [ ] this line is code, not a task', `export function ${pick(WORDS)}(x: number): number {`, `  return x * ${Math.floor(rnd() * 100)}; // ${words(6)}`, '}', '```', '');
  out.push('## 4. Implementation Roadmap', '');
  for (let p = 1; p <= phases; p++) {
    out.push(`### Phase ${p}: ${words(2)}`, '', `${words(30)}.`, '', '**Files to Create:**', '');
    for (let k = 0; k < 5; k++) {
      out.push(`- ${box()} \`src/${pick(WORDS)}/${pick(WORDS)}.ts\` — ${words(7)}`);
      if (rnd() < 0.3) out.push(`  - ${box()} ${words(5)}`);
    }
    out.push('', '```python', `def ${pick(WORDS)}_${p}(value):`, `    """${words(8)}"""`, `    return value  # ${words(4)}`, '```', '');
  }
  out.push('## 6. Quality Checks', '');
  for (let k = 0; k < 6; k++) out.push(`- ${box()} ${words(5)}`);
  out.push('', '## 9. Testing Strategy', '', '### Unit Tests');
  for (let k = 0; k < 4; k++) out.push(`- ${box()} ${words(6)}`);
  out.push('', '## 10. Rollout Plan', '');
  for (let s = 1; s <= 4; s++) {
    out.push(`### Step ${s}: ${words(1)}`);
    for (let k = 0; k < 3; k++) out.push(`- ${box()} ${words(4)}`);
    out.push('');
  }
  out.push('## 11. Success Validation', '', `${words(60)}.`, '', `${words(60)}.`, '');
  out.push('## Status Tracking', '');
  for (let p = 1; p <= phases; p++) out.push(`- ${rnd() < 0.5 ? '[x]' : '[ ]'} Phase ${p}: tracked`);
  out.push('- [ ] Quality Checks Passed', '- [ ] Documentation Updated', '- [ ] Success Validation Complete', '', '**Notes:**', `- 2026-01-0${1 + (i % 9)}: ${words(12)}`, '');
  // Pad with prose to ~12 KB.
  let text = out.join('\n');
  const filler: string[] = [];
  while (text.length + filler.join('\n').length < 12_000) filler.push(`${words(16)}.`);
  text = text.replace('## 11. Success Validation\n', `## 11. Success Validation\n\n${filler.join('\n\n')}\n`);
  return text;
}

/** Writes `count` plans into `dir/pNNN/plan-i.md` (100 per folder); returns the file paths. */
export function writeCorpus(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `p${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `plan-${i}.md`);
    writeFileSync(file, generatePlan(i));
    files.push(file);
  }
  return files;
}
