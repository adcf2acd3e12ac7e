/**
 * The parser's first run in a process is its slowest: V8 compiles each function on its first call,
 * so the first plan a fresh extension host parses takes 15–20 ms where the next takes 2–3 ms, all
 * in one synchronous slice. `parserWarmUp` splits that cost into steps the caller runs in slices of
 * their own (yielding between them): the scanner over a sample plan, then the model over a small
 * plan, then over the whole sample. Each step is well under 16 ms, and the first real plan is then
 * parsed warm.
 */
import { parsePlan } from './parse';
import { scanBlocks } from './scan';

/**
 * A plan with the shapes the parser has code for: front matter, header fields, numbered sections,
 * a Status Tracking list, roadmap phases, rollout steps, nested and quoted tasks, a table, a
 * fence, an HTML block, a setext heading and an ordered list.
 */
export const WARM_UP_SAMPLE = [
  '---',
  'status: planning',
  '---',
  '# Warm-up Plan',
  '',
  '**Created:** 2026-01-01',
  '**Status:** Implementation In Progress',
  '',
  '## 1. Executive Summary',
  '### Success Criteria',
  '- [x] It parses',
  '',
  '## 2. Implementation Roadmap',
  '### Phase 1: Scanner',
  '- [x] Headings',
  '  - [ ] Nested',
  '> - [~] Quoted',
  '',
  '### Phase 2: Model',
  '1. [-] Ordered',
  '',
  '```ts',
  '- [ ] not a task',
  '```',
  '',
  '<details>',
  '- [ ] not a task either',
  '</details>',
  '',
  'Rollout',
  '-------',
  '### Step 1: Ship',
  '- [ ] Release',
  '',
  '| Item | Status |',
  '| --- | --- |',
  '| Phase 2 | ⏳ |',
  '',
  '## Status Tracking',
  '- [x] Phase 1: Scanner',
  '- [ ] Phase 2: Model',
  '',
].join('\n');

const SMALL = '# P\n**Status:** Planning Complete\n## Status Tracking\n- [ ] Phase 1: A\n### Phase 1: A\n- [x] t\n';

/** The steps, in order: each parses something once (the results are dropped). */
export function parserWarmUp(): readonly (() => void)[] {
  return [() => void scanBlocks(WARM_UP_SAMPLE), () => void parsePlan(SMALL), () => void parsePlan(WARM_UP_SAMPLE)];
}
