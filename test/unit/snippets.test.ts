import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate, parsePlan, type Plan } from '../../src/core';
import { bodyText, dateVariables, expandSnippet, parseSnippetFile, stripJsonc, type SnippetDefinition } from './support/snippets';

const root = join(__dirname, '..', '..');
const snippetFile = join(root, 'snippets', 'plan.code-snippets');
const today = new Date();
const variables = dateVariables(today);

interface Expected {
  /** Exact text of the section the snippet makes (its first heading). */
  readonly heading: string;
  readonly level: number;
  /** Tasks in the expanded snippet. */
  readonly tasks: number;
  /** Further headings it must contain. */
  readonly subsections?: readonly string[];
  /** Text it must contain. */
  readonly contains?: readonly string[];
  readonly check?: (plan: Plan) => void;
}

const expectations: Readonly<Record<string, Expected>> = {
  'Plan: Header Block': {
    heading: 'Feature/Task Name',
    level: 1,
    tasks: 0,
    check: (plan) => {
      assert.equal(plan.title, 'Feature/Task Name');
      assert.equal(plan.status, 'Planning Complete');
      assert.deepEqual(
        plan.fields.map((f) => [f.key, f.value]),
        [
          ['Created', formatDate(today)],
          ['Planner', 'Opus 4.5'],
          ['Status', 'Planning Complete'],
          ['Implementer', 'Sonnet 4.5'],
        ],
      );
    },
  },
  'Plan: Executive Summary': {
    heading: '1. Executive Summary',
    level: 2,
    tasks: 3,
    contains: ['**Problem Statement:**', '**Solution Approach:**', '**Success Criteria:**'],
  },
  'Plan: Codebase Context': {
    heading: '2. Codebase Context',
    level: 2,
    tasks: 0,
    subsections: ['2.1 Relevant Architecture', '2.2 Current Implementation Patterns', '2.3 Dependencies'],
  },
  'Plan: Architecture Decision': {
    heading: 'Decision 1: Where to place the new module',
    level: 3,
    tasks: 0,
    contains: ['**Option A:**', '**Option B:** Description ✅ CHOSEN', '**Rationale:**'],
  },
  'Plan: Phase': {
    heading: 'Phase 1: Core Infrastructure',
    level: 3,
    tasks: 0,
    contains: ['**Files to Create:**', '**Files to Modify:**', '```typescript'],
    check: (plan) => assert.deepEqual(plan.phases.map((p) => [p.kind, p.number, p.name]), [['phase', 1, 'Core Infrastructure']]),
  },
  'Plan: Database Migration': {
    heading: 'Phase 4: Database Migration',
    level: 3,
    tasks: 0,
    contains: ['**Create Migration:**', 'poetry run alembic revision --autogenerate -m "Add new table"'],
    check: (plan) => assert.deepEqual(plan.phases.map((p) => [p.number, p.name]), [[4, 'Database Migration']]),
  },
  'Plan: Tests Phase': {
    heading: 'Phase 5: Tests',
    level: 3,
    tasks: 0,
    contains: ['**Files to Create:**', '```python'],
    check: (plan) => assert.deepEqual(plan.phases.map((p) => [p.number, p.name]), [[5, 'Tests']]),
  },
  'Plan: Configuration Changes': {
    heading: '5. Configuration Changes',
    level: 2,
    tasks: 0,
    subsections: ['5.1 Environment Variables', '5.2 Config Files'],
  },
  'Plan: Quality Checks': {
    heading: '6. Quality Checks',
    level: 2,
    tasks: 9,
    subsections: ['6.1 Architecture Compliance', '6.2 Code Quality', '6.3 Security Review'],
  },
  'Plan: Security Review': { heading: '6.3 Security Review', level: 3, tasks: 4 },
  'Plan: Documentation Updates': {
    heading: '7. Documentation Updates',
    level: 2,
    tasks: 0,
    subsections: ['Files to Update:'],
  },
  'Plan: Potential Issue': {
    heading: 'Issue 1: Anticipated problem',
    level: 3,
    tasks: 0,
    contains: ['**Problem:**', '**Solution:**', '**Fallback:**'],
  },
  'Plan: Testing Strategy': {
    heading: '9. Testing Strategy',
    level: 2,
    tasks: 5,
    subsections: ['Unit Tests', 'Integration Tests', 'Manual Testing'],
  },
  'Plan: Rollout Step': {
    heading: 'Step 1: Implementation',
    level: 3,
    tasks: 3,
    check: (plan) => assert.deepEqual(plan.steps.map((s) => [s.kind, s.number, s.name, s.progress.total]), [['step', 1, 'Implementation', 3]]),
  },
  'Plan: Success Validation': { heading: '11. Success Validation', level: 2, tasks: 10 },
  'Plan: Implementation Notes': {
    heading: '12. Implementation Notes (for Sonnet)',
    level: 2,
    tasks: 0,
    contains: ['**Order of Operations:**', '**When You Get Stuck:**', '**Do Not:**'],
  },
  'Plan: Status Tracking': {
    heading: 'Status Tracking',
    level: 2,
    tasks: 6,
    check: (plan) => {
      assert.equal(plan.isPlan, true, 'a Status Tracking section alone makes a plan');
      assert.deepEqual(
        plan.phases.map((p) => p.label),
        [
          'Phase 1: Core Infrastructure',
          'Phase 2: Module Implementation',
          'Phase 3: Integration',
          'Quality Checks Passed',
          'Documentation Updated',
          'Success Validation Complete',
        ],
      );
    },
  },
  'Plan: Whole Plan': {
    heading: 'Feature/Task Name',
    level: 1,
    tasks: parsePlan(readFileSync(join(root, 'templates', 'plan-template.md'), 'utf8')).tasks.length,
    check: (plan) => {
      assert.equal(plan.isPlan, true);
      assert.equal(plan.status, 'Planning Complete');
      assert.equal(plan.fields.find((f) => f.key === 'Created')?.value, formatDate(today));
      // The whole-plan snippet is the bundled template: same outline, same tasks.
      const template = parsePlan(readFileSync(join(root, 'templates', 'plan-template.md'), 'utf8'));
      assert.deepEqual(
        plan.sections.slice(1).map((s) => [s.level, s.text]),
        template.sections.slice(1).map((s) => [s.level, s.text]),
      );
      assert.deepEqual(plan.tasks.map((t) => t.text), template.tasks.map((t) => t.text));
      assert.deepEqual(plan.phases.map((p) => p.label), template.phases.map((p) => p.label));
    },
  },
};

describe('snippets/plan.code-snippets', () => {
  const snippets: Record<string, SnippetDefinition> = parseSnippetFile(readFileSync(snippetFile, 'utf8'));
  const entries = Object.entries(snippets);

  it('has a body, a description and one or more prefixes in every snippet', () => {
    assert.ok(entries.length > 0);
    for (const [name, snippet] of entries) {
      assert.ok(snippet.body !== undefined && bodyText(snippet).trim() !== '', `${name}: empty body`);
      assert.ok(snippet.description, `${name}: no description`);
      assert.ok(snippet.prefix.length > 0, `${name}: no prefix`);
    }
  });

  it('gives every snippet unique prefixes starting with plan-', () => {
    const seen = new Map<string, string>();
    for (const [name, snippet] of entries) {
      for (const prefix of typeof snippet.prefix === 'string' ? [snippet.prefix] : snippet.prefix) {
        assert.match(prefix, /^plan-[a-z][a-z0-9-]*$/, `${name}: prefix ${prefix}`);
        assert.ok(!seen.has(prefix), `${name}: prefix ${prefix} is also used by ${seen.get(prefix)}`);
        seen.set(prefix, name);
      }
    }
  });

  it('has an expectation for every snippet, and a snippet for every expectation', () => {
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(expectations).sort());
  });

  it('leaves no $ unescaped outside tab stops and variables', () => {
    for (const [name, snippet] of entries) {
      const expanded = expandSnippet(bodyText(snippet), variables);
      assert.doesNotMatch(expanded, /\$(\d|\{|[A-Z_]{3,})/, `${name} expands to text with a leftover $`);
    }
  });

  for (const [name, expected] of Object.entries(expectations)) {
    it(`expands "${name}" to Markdown the core parses as ${expected.heading}`, () => {
      const snippet = snippets[name];
      assert.ok(snippet, `no snippet named ${name}`);
      const markdown = expandSnippet(bodyText(snippet), variables);
      const plan = parsePlan(markdown);
      const [first] = plan.sections;
      assert.ok(first, `${name}: no heading in\n${markdown}`);
      assert.deepEqual([first.level, first.text], [expected.level, expected.heading]);
      assert.equal(plan.tasks.length, expected.tasks, `${name}: tasks`);
      for (const heading of expected.subsections ?? []) {
        assert.ok(
          plan.sections.some((s) => s.text === heading && s.parent === first.index),
          `${name}: no subsection ${heading} in ${plan.sections.map((s) => s.text).join(' | ')}`,
        );
      }
      for (const text of expected.contains ?? []) {
        assert.ok(markdown.includes(text), `${name}: ${text} missing`);
      }
      expected.check?.(plan);
    });
  }
});

describe('snippet expander (test support)', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['plain text', 'a b', 'a b'],
    ['tab stops without defaults', 'a $1 b ${2} $0', 'a  b  '],
    ['placeholder', '${1:Name}', 'Name'],
    ['nested placeholder', '${1:run ${2:this}}', 'run this'],
    ['mirror before and after', '$1 ${1:x} ${1}', 'x x x'],
    ['choice', '${1|Planning Complete,Implementation In Progress|}', 'Planning Complete'],
    ['choice with escaped comma', '${1|a\\,b,c|}', 'a,b'],
    ['variables', '$CURRENT_YEAR-${CURRENT_MONTH}-$CURRENT_DATE', `${variables.CURRENT_YEAR}-${variables.CURRENT_MONTH}-${variables.CURRENT_DATE}`],
    ['variable default', '${TM_SELECTED_TEXT:none}', 'none'],
    ['escapes', '\\$1 \\} \\\\', '$1 } \\'],
    ['a lone $', 'costs $ 5', 'costs $ 5'],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => assert.equal(expandSnippet(body, variables), expected));
  }

  it('refuses an unknown variable and a transform', () => {
    assert.throws(() => expandSnippet('$CURRENT_YAER', variables), /Unknown snippet variable/);
    assert.throws(() => expandSnippet('${1/a/b/}', variables), /transforms/);
  });

  it('reads JSONC: comments and trailing commas', () => {
    assert.deepEqual(JSON.parse(stripJsonc('{ // c\n "a": "//x", /* b */ "b": [1,],\n}')), { a: '//x', b: [1] });
  });
});
