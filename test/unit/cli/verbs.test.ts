import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { NodePlanStore } from '../../../src/cli/planStore';
import { PlanService, type EditResult, type WriteOutcome } from '../../../src/core';
import { ROOT, joinLines } from '../support/helpers';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PLAN = joinLines(
  '# Auth',
  '',
  '**Created:** 2026-01-02',
  '**Status:** Implementation In Progress',
  '',
  '### Phase 1: Login',
  '- [x] T001 Login form',
  '- [ ] T002 Session cookie',
  '- [ ] T003 Logout',
  '',
  '## Status Tracking',
  '- [ ] Phase 1: Login',
  '',
);

/** The CLI's store with another writer: it rewrites `file` once, after Plan Tracker read it and before the rename. */
function racedStore(cwd: string, file: string, theirs: (text: string) => string): NodePlanStore {
  let raced = false;
  return new (class extends NodePlanStore {
    override edit(id: string, compute: (text: string) => EditResult): Promise<WriteOutcome> {
      return super.edit(id, (text) => {
        if (!raced) {
          raced = true;
          writeFileSync(file, theirs(readFileSync(file, 'utf8')));
        }
        return compute(text);
      });
    }
  })(cwd);
}

describe('plan-tracker agent verbs', () => {
  let ws: string;
  let file: string;

  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-verbs-'));
    mkdirSync(path.join(ws, 'docs/plans'), { recursive: true });
    file = path.join(ws, 'docs/plans/auth.md');
    writeFileSync(file, PLAN);
    writeFileSync(path.join(ws, 'README.md'), '# Readme\n\n- [ ] not a plan\n');
  });

  it('escapes control characters from the plan in next and tick text output, not in --json', async () => {
    const ESC = '\u001b';
    writeFileSync(file, PLAN.replace('T002 Session cookie', `T002 Session ${ESC}]52;c;cHduZWQ=${ESC}\\cookie`));
    const next = await run(ws, 'next', 'docs/plans/auth.md');
    assert.equal(next.code, 0, next.err);
    assert.ok(next.out.includes('T002 Session \\x1B]52'), next.out);
    assert.ok(!next.out.includes(ESC) && !next.err.includes(ESC));
    const json = await run(ws, 'next', 'docs/plans/auth.md', '--json');
    assert.ok(JSON.stringify(JSON.parse(json.out)).includes('\\u001b]52'), json.out);
    const tick = await run(ws, 'tick', 'docs/plans/auth.md', 'T002');
    assert.equal(tick.code, 0, tick.err);
    assert.ok(!tick.out.includes(ESC) && !tick.err.includes(ESC), tick.out);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('next prints each plan and its next tasks; --json prints the service document', async () => {
    const r = await run(ws, 'next');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, joinLines('docs/plans/auth.md — Implementation In Progress — Phase 1: Login — 1/4 done (25%)', '  line 8: T002 Session cookie', '  line 9: T003 Logout', '  line 12: Phase 1: Login'));
    const json = JSON.parse((await run(ws, 'next', 'auth', '--json', '--limit', '1')).out);
    assert.equal(json.schemaVersion, 1);
    assert.deepEqual(json.plans[0].nextTasks, [{ id: 'T002', line: 8, text: 'T002 Session cookie', state: 'open' }]);
  });

  it('next and tick read plans as status does: by path (Kiro), --always-plan and --exclude; --no-cache is accepted', async () => {
    mkdirSync(path.join(ws, '.kiro/specs/login'), { recursive: true });
    writeFileSync(path.join(ws, '.kiro/specs/login/tasks.md'), joinLines('# Tasks', '', '- [ ] Do the thing', '- [x] Did the other', ''));
    mkdirSync(path.join(ws, 'notes'));
    writeFileSync(path.join(ws, 'notes/todo.md'), joinLines('# Todo', '', '- [ ] Call the vendor', ''));
    const plans = async (...argv: string[]): Promise<string[]> => {
      const r = await run(ws, 'next', '--json', ...argv);
      assert.equal(r.code, 0, r.err);
      return (JSON.parse(r.out) as { plans: { plan: string }[] }).plans.map((p) => p.plan);
    };
    assert.deepEqual(await plans('--no-cache'), ['.kiro/specs/login/tasks.md', 'docs/plans/auth.md']);
    assert.deepEqual(await plans('--always-plan', 'notes/*.md', '--exclude', 'docs/**'), ['.kiro/specs/login/tasks.md', 'notes/todo.md']);
    const statusPlans = (await run(ws, 'status', '--json', '--no-cache', '--always-plan', 'notes/*.md', '--exclude', 'docs/**')).out;
    assert.deepEqual((JSON.parse(statusPlans) as { plans: { path: string }[] }).plans.map((p) => p.path), ['.kiro/specs/login/tasks.md', 'notes/todo.md']);
    const tick = await run(ws, 'tick', '.kiro/specs/login/tasks.md', 'Do the thing');
    assert.equal(tick.code, 0, tick.err);
    assert.match(readFileSync(path.join(ws, '.kiro/specs/login/tasks.md'), 'utf8'), /- \[x\] Do the thing/);
    assert.equal((await run(ws, 'tick', 'notes/todo.md', 'Call the vendor')).code, 1);
    assert.equal((await run(ws, 'next', '--exclude', '')).code, 2);
  });

  it('tick changes one checkbox and prints the next task; a note goes under **Notes:**', async () => {
    const r = await run(ws, 'tick', 'docs/plans/auth.md', 'T002', '--note', 'cookie is httpOnly');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^docs\/plans\/auth\.md:8: T002 Session cookie \(open → done\)$/m);
    assert.match(r.out, /^Next: line 9: T003 Logout$/m);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith(PLAN.replace('- [ ] T002', '- [x] T002')));
    assert.match(text, /\*\*Notes:\*\*\n- \d{4}-\d\d-\d\d: cookie is httpOnly\n$/);
    const back = await run(ws, 'tick', 'auth', 'T002 session cookie', '--state', 'open', '--json');
    assert.equal(back.code, 0);
    assert.equal(JSON.parse(back.out).task.previousState, 'done');
  });

  it('refusals exit 1 with the reason and the candidates on stderr; bad usage exits 2', async () => {
    const missing = await run(ws, 'tick', 'auth', 'Deploy');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No task matches "Deploy"/);
    assert.match(missing.err, /^- line 8: T002 Session cookie$/m);
    const completed = await run(ws, 'set-status', 'auth', 'Completed');
    assert.equal(completed.code, 1);
    assert.match(completed.err, /3 items are not done/);
    const noPlan = await run(ws, 'note', 'payments', 'x');
    assert.equal(noPlan.code, 1);
    assert.match(noPlan.err, /^- docs\/plans\/auth\.md \(Auth\)$/m);
    assert.equal(readFileSync(file, 'utf8'), PLAN);
    for (const argv of [['tick', 'auth'], ['tick', 'auth', 'T002', '--state', 'finished'], ['tick', 'auth', 'T002', '--line', '0'], ['note', 'auth', ' '], ['next', '--bogus'], ['set-status', 'auth']]) {
      assert.equal((await run(ws, ...argv)).code, 2, argv.join(' '));
    }
  });

  it('set-status and note write the header and the note', async () => {
    assert.equal((await run(ws, 'set-status', 'auth', 'planning complete')).code, 0);
    assert.equal((await run(ws, 'note', 'auth', 'Waiting for design review')).code, 0);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\*\*Status:\*\* Planning Complete$/m);
    assert.match(text, /^- \d{4}-\d\d-\d\d: Waiting for design review$/m);
  });

  it('keeps the BOM, CRLF line endings and the file mode, and leaves no temporary file', async () => {
    writeFileSync(file, `\uFEFF${PLAN.replace(/\n/g, '\r\n')}`);
    chmodSync(file, 0o640);
    assert.equal((await run(ws, 'tick', 'auth', 'T003')).code, 0);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.toString('utf8').slice(1), PLAN.replace('- [ ] T003', '- [x] T003').replace(/\n/g, '\r\n'));
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(path.dirname(file)), ['auth.md']);
  });

  it('a write raced by another writer between read and rename keeps their change and re-locates the task', async () => {
    const service = new PlanService(racedStore(ws, file, (text) => text.replace('### Phase 1: Login\n', '### Phase 1: Login\n- [ ] T000 Added by someone else\n')));
    const r = await service.updatePlanTask({ plan: 'auth', task: 'T002 Session cookie', line: 8 });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.task.line, 9);
    assert.match(r.relocated ?? '', /moved from line 8 to line 9/);
    assert.equal(readFileSync(file, 'utf8'), PLAN.replace('### Phase 1: Login\n', '### Phase 1: Login\n- [ ] T000 Added by someone else\n').replace('- [ ] T002', '- [x] T002'));
  });

  it('a task the other writer removed is refused, and their text stays', async () => {
    const theirs = PLAN.replace('- [ ] T002 Session cookie\n', '');
    const r = await new PlanService(racedStore(ws, file, () => theirs)).updatePlanTask({ plan: 'auth', task: 'T002' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'task-not-found');
    assert.equal(readFileSync(file, 'utf8'), theirs);
  });

  it('the bundled bin ticks a task as a spawned process (after npm run build)', function () {
    const bin = path.join(ROOT, 'dist/cli.js');
    if (!existsSync(bin)) this.skip();
    const r = spawnSync(process.execPath, [bin, 'tick', 'auth', 'Phase 1', '--json'], { cwd: ws, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).task.text, 'Phase 1: Login');
    assert.match(readFileSync(file, 'utf8'), /^- \[x\] Phase 1: Login$/m);
    const refused = spawnSync(process.execPath, [bin, 'tick', 'auth', 'nothing like it'], { cwd: ws, encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /No task matches/);
  });
});
