import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { CORE_FIXTURES, ROOT, joinLines, seedTemplate } from '../support/helpers';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const consistent = joinLines('# Done plan', '**Created:** 2026-01-01', '**Status:** Completed', '', '## Status Tracking', '- [x] Phase 1: All of it', '');
const inProgress = joinLines('# Half plan', '**Created:** 2026-01-02', '**Status:** Implementation In Progress', '', '### Phase 1: A', '- [x] a', '### Phase 2: B', '- [ ] b', '', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', '');
const contradicting = joinLines('# Liar plan', '**Created:** 2026-01-03', '**Status:** Completed', '', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', '');

describe('plan-tracker CLI', () => {
  let ws: string;

  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-cli-'));
    mkdirSync(path.join(ws, 'docs/plans'), { recursive: true });
    mkdirSync(path.join(ws, 'node_modules/pkg'), { recursive: true });
    mkdirSync(path.join(ws, 'vendor/gen'), { recursive: true });
    writeFileSync(path.join(ws, 'docs/plans/done.md'), consistent);
    writeFileSync(path.join(ws, 'docs/plans/half.md'), inProgress);
    writeFileSync(path.join(ws, 'node_modules/pkg/plan.md'), contradicting);
    writeFileSync(path.join(ws, 'vendor/gen/plan.md'), contradicting);
    copyFileSync(path.join(CORE_FIXTURES, 'not-a-plan-readme.md'), path.join(ws, 'README.md'));
    copyFileSync(path.join(CORE_FIXTURES, 'not-a-plan-changelog.md'), path.join(ws, 'CHANGELOG.md'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('status prints a table of the plans, skipping node_modules, excluded globs and non-plans', async () => {
    const r = await run(ws, 'status', '--exclude', 'vendor/**');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[0], /^PLAN\s+STATUS\s+CURRENT PHASE\s+DONE\s+%$/);
    assert.match(lines[1], /^docs\/plans\/done\.md\s+Completed\s+\d+\/\d+ phases done\s+1\/1\s+100%$/);
    assert.match(lines[2], /^docs\/plans\/half\.md\s+Implementation In Progress\s+Phase 2: B\s+2\/4\s+50%$/);
    assert.equal(lines.length, 5);
    assert.equal(lines[4], '2 plans · 3/5 tasks done');
  });

  it('status says how many phases are done when none is current, never "all done" over open tasks', async () => {
    writeFileSync(path.join(ws, 'docs/plans/prose.md'), joinLines('# Renderer Implementation Plan', '', '### Phase 1: Plumbing', '', 'Wire it.', '', '### Phase 2: Text', '', 'Then text.', '', '## Checklist', '', '- [x] A', '- [ ] B', ''));
    const r = await run(ws, 'status', 'docs/plans/prose.md', '--no-cache');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out.split('\n')[1], /^docs\/plans\/prose\.md\s+—\s+0\/2 phases done\s+1\/2\s+50%$/);
  });

  it('status --json follows the documented schema', async () => {
    const r = await run(ws, 'status', 'docs', '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.plans.map((p: { path: string }) => p.path), ['docs/plans/done.md', 'docs/plans/half.md']);
    const half = json.plans[1];
    assert.equal(half.title, 'Half plan');
    assert.equal(half.kind, 'template');
    assert.equal(half.status, 'Implementation In Progress');
    assert.deepEqual(half.fields, { Created: '2026-01-02', Status: 'Implementation In Progress' });
    assert.deepEqual(half.currentPhase, { index: 1, label: 'Phase 2: B', name: 'B', number: 2 });
    assert.deepEqual(half.phases[0], { label: 'Phase 1: A', name: 'A', kind: 'phase', number: 1, state: 'done', done: true, line: 11, tasks: { done: 1, open: 0, inProgress: 0, skipped: 0, total: 1, percent: 100 } });
    assert.deepEqual(half.totals, { done: 2, open: 2, inProgress: 0, skipped: 0, total: 4, percent: 50 });
    assert.deepEqual(json.totals, { plans: 2, byStatus: { Completed: 1, 'Implementation In Progress': 1 }, done: 3, open: 2, inProgress: 0, skipped: 0, total: 5, percent: 60 });
    assert.deepEqual(json.errors, []);
  });

  it('check passes on consistent plans', async () => {
    const r = await run(ws, 'check', 'docs');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /✓ 2 plans checked, no problems\./);
  });

  it('check fails and says why on a contradiction and on placeholders', async () => {
    writeFileSync(path.join(ws, 'docs/plans/liar.md'), contradicting);
    writeFileSync(path.join(ws, 'docs/plans/fresh.md'), seedTemplate());
    const r = await run(ws, 'check', 'docs');
    assert.equal(r.code, 1);
    assert.match(r.out, /^docs\/plans\/liar\.md:3:13: error completed-with-open-items: \*\*Status:\*\* is "Completed" but 1 item is not done \(first: line 7, "Phase 2: B"\)\.$/m);
    assert.match(r.out, /^docs\/plans\/fresh\.md:5:13: warning status-placeholder: /m);
    assert.match(r.out, /^docs\/plans\/fresh\.md:3:14: info placeholder: \*\*Created:\*\* still holds the placeholder date YYYY-MM-DD\.$/m);
    assert.match(r.out, /✗ 2 plans of 4 need attention\./);
    const json = JSON.parse((await run(ws, 'check', 'docs', '--json')).out);
    assert.equal(json.ok, false);
    assert.deepEqual(json.plans.filter((p: { ok: boolean }) => !p.ok).map((p: { path: string }) => p.path), ['docs/plans/fresh.md', 'docs/plans/liar.md']);
  });

  it('check --key-files reports listed paths that do not exist, as information that does not fail', async () => {
    const withKeyFiles = consistent.replace('## Status Tracking', '## Context\n\n**Key Files:**\n- `docs/plans/done.md` - this plan\n- `src/missing.ts` - not written yet\n\n## Status Tracking');
    writeFileSync(path.join(ws, 'docs/plans/done.md'), withKeyFiles);
    const plain = await run(ws, 'check', 'docs/plans/done.md');
    assert.equal(plain.code, 0);
    assert.doesNotMatch(plain.out, /key-file-missing/);
    const r = await run(ws, 'check', 'docs/plans/done.md', '--key-files');
    assert.equal(r.code, 0, 'information does not fail the check');
    assert.match(r.out, /^docs\/plans\/done\.md:\d+:\d+: info key-file-missing: .*src\/missing\.ts/m);
    assert.doesNotMatch(r.out, /key-file-missing: .*done\.md/);
  });

  it('reports a missing path on one stderr line, exits 2, and still scans the others', async () => {
    const r = await run(ws, 'status', 'nope', 'docs');
    assert.equal(r.code, 2);
    assert.equal(r.err, 'plan-tracker: nope: no such file or folder');
    assert.match(r.out, /half\.md/);
  });

  it('skips an unreadable file with a clear line and goes on', async () => {
    // A link loop cannot be read, even by root.
    symlinkSync('broken.md', path.join(ws, 'docs/plans/broken.md'));
    const r = await run(ws, 'status', 'docs/plans/broken.md', 'docs/plans/half.md');
    assert.equal(r.code, 2);
    assert.equal(r.err, 'plan-tracker: docs/plans/broken.md: a link that loops back on itself');
    assert.match(r.out, /half\.md/);
  });

  it('skips binary files and says so for a file named explicitly', async () => {
    writeFileSync(path.join(ws, 'docs/plans/blob.md'), Buffer.from([0, 1, 2, 3, 0, 255]));
    const r = await run(ws, 'status', 'docs/plans/blob.md', 'docs');
    assert.match(r.err, /blob\.md: skipped: binary file, not Markdown/);
    assert.equal(r.out.split('\n').filter((l) => l.includes('blob')).length, 0);
  });

  it('says when a named file is not a plan', async () => {
    const r = await run(ws, 'status', 'README.md');
    assert.equal(r.code, 0);
    assert.match(r.err, /README\.md: not a plan: its 2 task items follow none of the plan shapes/);
    assert.equal(r.out, 'No plans found.');
  });

  describe('on real-world shapes (issue #9)', () => {
    const fixture = (rel: string): string => readFileSync(path.join(ROOT, 'test/fixtures/real-world', rel), 'utf8');

    it('check passes on a spec-kit tasks.md that uses [X], [P] and [US1]', async () => {
      writeFileSync(path.join(ws, 'tasks.md'), fixture('spec-kit/specs/001-photo-albums/tasks.md'));
      const r = await run(ws, 'check', 'tasks.md');
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /✓ 1 plan checked, no problems\./);
    });

    it('check fails on the untouched template', async () => {
      writeFileSync(path.join(ws, 'untouched.md'), seedTemplate());
      const r = await run(ws, 'check', 'untouched.md');
      assert.equal(r.code, 1, r.out);
    });

    it('check passes on examples/', async () => {
      const r = await run(ROOT, 'check', 'examples');
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /✓ 3 plans checked/);
    });

    it('check skips non-plans found in a folder, and names a non-plan given on the command line without failing', async () => {
      mkdirSync(path.join(ws, 'mixed'), { recursive: true });
      writeFileSync(path.join(ws, 'mixed/CONTRIBUTING.md'), fixture('not-plans/CONTRIBUTING.md'));
      writeFileSync(path.join(ws, 'mixed/design.md'), fixture('not-plans/docs/status-feature-design.md'));
      const walked = await run(ws, 'check', 'mixed');
      assert.equal(walked.code, 0, walked.out);
      assert.equal(walked.err, '');
      assert.match(walked.out, /✓ 0 plans checked/);
      const named = await run(ws, 'check', 'mixed/CONTRIBUTING.md');
      assert.equal(named.code, 0);
      assert.equal(named.err.split('\n').length, 1);
      assert.match(named.err, /mixed\/CONTRIBUTING\.md: not a plan: its 4 task items follow none of the plan shapes/);
    });

    it('--always-plan makes a matching file a plan whatever it holds', async () => {
      mkdirSync(path.join(ws, 'lists'), { recursive: true });
      writeFileSync(path.join(ws, 'lists/release.md'), fixture('not-plans/docs/release-checklist.md'));
      assert.match((await run(ws, 'status', 'lists')).out, /No plans found/);
      const r = await run(ws, 'status', 'lists', '--always-plan', 'lists/*.md', '--json');
      assert.deepEqual(JSON.parse(r.out).plans.map((p: { path: string }) => p.path), ['lists/release.md']);
    });
  });

  it('rejects unknown commands and options with usage on stderr', async () => {
    assert.equal((await run(ws, 'frobnicate')).code, 2);
    assert.match((await run(ws, 'status', '--bogus')).err, /Unknown option '--bogus'/);
    const help = await run(ws, '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: plan-tracker/);
  });

  it('the bundled bin runs on this Node (after npm run build)', function () {
    const bin = path.join(ROOT, 'dist/cli.js');
    const r = spawnSync(process.execPath, [bin, 'status', 'docs', '--json'], { cwd: ws, encoding: 'utf8' });
    if (r.error || (r.status !== 0 && /Cannot find module/.test(r.stderr))) this.skip();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).plans.length, 2);
  });
});
