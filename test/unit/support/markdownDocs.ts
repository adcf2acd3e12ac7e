import fc from 'fast-check';

/**
 * Documents built from the Markdown constructs the plan model reads, mixed so that they nest,
 * interrupt and continue one another: ATX and setext headings, bullet and ordered list items
 * (with task marks) at every indentation, block quotes, fenced and indented code, HTML blocks,
 * thematic breaks, paragraphs with lazy continuation lines, pipe tables, link reference
 * definitions, front matter; tabs, CRLF and lone CR line breaks.
 */
const PREFIXES = ['', '', '', ' ', '  ', '   ', '    ', '      ', '\t', ' \t', '> ', '>', '> > ', ' >\t', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '-\t', '  - ', '    - ', '- [ ] ', '1. [x] '];
const BODIES = [
  '',
  '',
  '# Title',
  '## Status Tracking',
  '### Phase 1: Core #',
  '###### six',
  '####### seven',
  '#not a heading',
  '===',
  '---',
  '- - -',
  '***',
  '___',
  '--',
  '```',
  '```ts',
  '````',
  '``` `x`',
  '~~~',
  '~~~~ info',
  '<div>',
  '</div>',
  '<!-- note',
  '-->',
  '<span class="x">',
  '<script>',
  '</script>',
  '<?php',
  '| Phase | Status |',
  '|---|---|',
  '| --- | :-: |',
  ':-- | --:',
  '| a \\| b | c |',
  'a | b',
  '| Phase 1 | ✅ Done |',
  '[ ] open task',
  '[x] done task',
  '[X] done',
  '[-] started',
  '[~] skipped',
  '[ ]',
  '[x]: /url',
  '[ref]: /url "title"',
  '[ref]:',
  '"title"',
  '**Status:** Completed',
  '\\- escaped',
  'plain words here',
  'text with trailing spaces   ',
  '1',
  '-',
  '*',
];

const lineArb = fc
  .tuple(fc.array(fc.constantFrom(...PREFIXES), { maxLength: 3 }), fc.constantFrom(...BODIES), fc.constantFrom('', '', ' more', ' `code`', '\t'))
  .map(([prefixes, body, tail]) => prefixes.join('') + body + (body ? tail : ''));

/** Runs of lines that only make a construct together (tables, setext headings, wrapped items), each line behind the same prefix. */
const CHUNKS = [
  ['| Phase | Status |', '|-------|--------|', '| Phase 1 | ✅ Done |', '| Phase 2 | In progress |'],
  ['Item | State', '--- | :---:', 'a | [x]', 'b'],
  ['| one |', '| --- |', '| `a|b` \\| c |'],
  ['| a | b |', '|---|', '| c | d |'],
  ['Heading text', '==='],
  ['Two line', 'heading', '---'],
  ['- [ ] wrapped task', 'lazy continuation', '  indented continuation'],
  ['1. [x] first', '2. [ ] second', '   - [-] nested'],
  ['```', '- [ ] in a fence', '```'],
  ['<details>', '- [ ] in HTML', '</details>'],
];
const chunkArb = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...CHUNKS))
  .map(([prefix, lines]) => lines.map((l) => prefix + l).join('\n'));

const frontMatterArb = fc.constantFrom('', '', '', '---\ntitle: A plan\nstatus: Completed\n---\n', '---\n- [ ] not a task\n...\n');

/** A document: front matter or not, 0–30 lines, one kind of line break. */
export const markdownDocArb: fc.Arbitrary<string> = fc
  .tuple(frontMatterArb, fc.array(fc.oneof({ arbitrary: lineArb, weight: 4 }, { arbitrary: chunkArb, weight: 1 }), { maxLength: 30 }), fc.constantFrom('\n', '\n', '\r\n', '\r'), fc.boolean())
  .map(([fm, lines, eol, trailing]) => (fm + lines.join('\n') + (trailing ? '\n' : '')).replace(/\n/g, eol));
