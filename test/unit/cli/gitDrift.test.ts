/**
 * The built `plan-tracker` in real temporary git repositories: `check --since`, `check --gate`,
 * `--format github`, `tick --evidence`, and the Claude Code hooks run as Claude Code runs them
 * (the command spawned in the project, the event JSON on stdin; exit code and stderr checked).
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT, joinLines } from '../support/helpers';

const BIN = path.join(ROOT, 'dist/cli.js');

const PLAN = joinLines(
  '# Offline sync',
  '',
  '**Status:** Implementation In Progress',
  '**Created:** 2026-01-01',
  '',
  '## Status Tracking',
  '',
  '- [x] Phase 1: Storage',
  '  - Evidence: npm test, 40 passing (2026-01-03)',
  '- [ ] Phase 2: Sync engine',
  '',
  '## Roadmap',
  '',
  '### Phase 1: Storage',
  '',
  '- [x] Create the schema',
  '',
  '### Phase 2: Sync engine',
  '',
  '- [ ] Queue local writes',
  '- [ ] Replay the queue when online',
  '- [ ] Raise sync coverage to 90%',
  '',
);

/** A clean environment: no Claude Code project, git that never looks above the test folders, an identity for commits. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, GIT_CEILING_DIRECTORIES: realpathSync(tmpdir()), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
  delete e.CLAUDE_PROJECT_DIR;
  return { ...e, ...extra };
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, env: env(), encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

function cli(cwd: string, args: string[], input?: string, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env: env(extraEnv), encoding: 'utf8', input: input ?? '' });
}

describe('plan-tracker with git (the built CLI in temporary repositories)', function () {
  this.timeout(60_000);
  let repo: string;
  let plan: string;
  const write = (text: string, file = plan): void => writeFileSync(file, text);
  const edit = (from: string, to: string): void => {
    const text = readFileSync(plan, 'utf8');
    assert.ok(text.includes(from), from);
    write(text.replace(from, to));
  };

  before(function () {
    if (spawnSync('git', ['--version']).status !== 0) throw new Error('git is not installed (.ci/run installs it)');
    if (!existsSync(BIN)) {
      const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    }
  });

  beforeEach(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'plan-git-'));
    mkdirSync(path.join(repo, 'docs/plans'), { recursive: true });
    plan = path.join(repo, 'docs/plans/sync.md');
    write(PLAN);
    writeFileSync(path.join(repo, 'README.md'), '# Readme\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'plan');
  });

  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  describe('check --since', () => {
    it('an open task deleted: exit 1, naming it, on the line of the task now in its place', () => {
      edit('- [ ] Replay the queue when online\n', '');
      const r = cli(repo, ['check', '--since', 'HEAD']);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^docs\/plans\/sync\.md:21:1: warning task-removed: Open task "Replay the queue when online" was removed since HEAD/m);
    });

    it('an open task reworded: task-reworded, naming both texts', () => {
      edit('Queue local writes', 'Queue writes (later)');
      const r = cli(repo, ['check', '--since', 'HEAD']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /:20:3: warning task-reworded: Open task "Queue local writes" was reworded since HEAD to "Queue writes \(later\)"/);
    });

    it('ticks only: exit 0', () => {
      edit('- [ ] Queue local writes', '- [x] Queue local writes');
      edit('- [ ] Replay the queue', '- [x] Replay the queue');
      const r = cli(repo, ['check', '--since', 'HEAD']);
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /✓ 1 plan checked, no problems/);
    });

    it('a Status Tracking item removed; a committed change is no drift against the new HEAD', () => {
      edit('- [ ] Phase 2: Sync engine\n', '');
      assert.match(cli(repo, ['check', '--since', 'HEAD']).stdout, /warning tracking-item-removed: Status Tracking item "Phase 2: Sync engine" was removed since HEAD/);
      git(repo, 'commit', '-q', '-am', 'drop the item');
      // --gate: only the gate and the drift (the roadmap's Phase 2 is now untracked: a health finding).
      assert.equal(cli(repo, ['check', '--gate', '--since', 'HEAD']).status, 0);
      assert.match(cli(repo, ['check', '--gate', '--since', 'HEAD~1']).stdout, /tracking-item-removed/);
    });

    it('a plan new since the revision has no drift', () => {
      write(PLAN.replace('- [ ] Queue local writes\n', ''), path.join(repo, 'docs/plans/new.md'));
      const r = cli(repo, ['check', '--since', 'HEAD']);
      assert.equal(r.status, 0, r.stdout);
      assert.match(r.stdout, /2 plans checked/);
    });

    it('outside a git repository: one clear line, exit 2', () => {
      const outside = mkdtempSync(path.join(tmpdir(), 'plan-nogit-'));
      try {
        mkdirSync(path.join(outside, 'docs/plans'), { recursive: true });
        write(PLAN, path.join(outside, 'docs/plans/sync.md'));
        const r = cli(outside, ['check', '--since', 'HEAD']);
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^plan-tracker: --since HEAD compares plans with git, but .* is not inside a git repository/);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('a revision that names no commit: one line, exit 2; an option-like revision is not passed to git as an option', () => {
      for (const rev of ['no-such-branch', '--output=/tmp/x']) {
        const r = cli(repo, ['check', `--since=${rev}`]);
        assert.equal(r.status, 2, rev);
        assert.match(r.stderr, /is not a commit of the repository/);
      }
    });

    it('--format json (and --json) carry the drift findings', () => {
      edit('- [ ] Replay the queue when online\n', '');
      for (const args of [['--format', 'json'], ['--json']]) {
        const r = cli(repo, ['check', '--since', 'HEAD', ...args]);
        assert.equal(r.status, 1);
        const json = JSON.parse(r.stdout);
        assert.deepEqual(json.plans[0].findings.map((f: { code: string }) => f.code), ['task-removed']);
        assert.equal(json.ok, false);
      }
      assert.equal(cli(repo, ['check', '--json', '--format', 'github']).status, 2);
      assert.equal(cli(repo, ['check', '--format', 'xml']).status, 2);
    });
  });

  describe('check --format github', () => {
    it('prints one workflow annotation per finding, by severity, escaped by the runner\'s rules', () => {
      const odd = path.join(repo, 'docs/plans/q1,q2:plan.md');
      write(PLAN, odd);
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'second plan');
      write(PLAN.replace('Raise sync coverage to 90%', 'Raise sync coverage to 80%').replace('- [x] Create the schema', '- [ ] Create the schema'), odd);
      const r = cli(repo, ['check', '--since', 'HEAD', '--format', 'github', 'docs/plans/q1,q2:plan.md']);
      assert.equal(r.status, 1);
      const lines = r.stdout.trim().split('\n');
      // endColumn is the last column, 1-based: the line's length here.
      assert.deepEqual(lines.slice(0, -1), [
        '::warning file=docs/plans/q1%2Cq2%3Aplan.md,line=8,col=7,endColumn=22,title=plan-tracker phase-done-with-open-tasks::"Phase 1: Storage" is ticked in Status Tracking but 1 task under "Phase 1: Storage" (line 14) is not done.',
        '::notice file=docs/plans/q1%2Cq2%3Aplan.md,line=16,col=3,endColumn=23,title=plan-tracker task-unticked::Task "Create the schema" was done since HEAD and is open again.',
        '::warning file=docs/plans/q1%2Cq2%3Aplan.md,line=22,col=3,endColumn=32,title=plan-tracker task-reworded::Open task "Raise sync coverage to 90%25" was reworded since HEAD to "Raise sync coverage to 80%25" instead of being ticked.',
      ]);
      assert.match(lines[lines.length - 1], /✗ 1 plan of 1 need attention/);
    });

    it('errors are ::error', () => {
      write(PLAN.replace('Implementation In Progress', 'Completed'));
      const r = cli(repo, ['check', '--gate', '--format', 'github']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^::error file=docs\/plans\/sync\.md,line=3,col=13,endColumn=21,title=plan-tracker completed-with-open-items::\*\*Status:\*\* is "Completed" but 4 items are not done/m);
    });
  });

  describe('check --gate', () => {
    it('an honest plan passes, even with placeholders left', () => {
      edit('Queue local writes', 'Queue local writes [Description]');
      assert.equal(cli(repo, ['check']).status, 1, 'the placeholder is a health finding');
      const r = cli(repo, ['check', '--gate']);
      assert.equal(r.status, 0, r.stdout);
    });

    it('Completed while items are open fails', () => {
      edit('Implementation In Progress', 'Completed');
      const r = cli(repo, ['check', '--gate']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /error completed-with-open-items/);
    });

    it('a Status Tracking item ticked while its phase has open tasks fails', () => {
      edit('- [ ] Phase 2: Sync engine', '- [x] Phase 2: Sync engine');
      const r = cli(repo, ['check', '--gate']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /warning phase-done-with-open-tasks: "Phase 2: Sync engine" is ticked in Status Tracking but 3 tasks/);
    });

    it('evidence: required by .vscode/settings.json (JSONC) or --require-evidence; an item with evidence passes', () => {
      for (const t of ['Queue local writes', 'Replay the queue when online', 'Raise sync coverage to 90%']) edit(`- [ ] ${t}`, `- [x] ${t}`);
      edit('- [ ] Phase 2: Sync engine', '- [x] Phase 2: Sync engine');
      assert.equal(cli(repo, ['check', '--gate']).status, 0, 'not required by default');
      const required = cli(repo, ['check', '--gate', '--require-evidence']);
      assert.equal(required.status, 1);
      assert.match(required.stdout, /:10:7: warning tracking-done-without-evidence: Status Tracking item "Phase 2: Sync engine" is ticked without evidence/);
      assert.doesNotMatch(required.stdout, /Phase 1: Storage/, 'Phase 1 has its evidence');
      mkdirSync(path.join(repo, '.vscode'));
      writeFileSync(path.join(repo, '.vscode/settings.json'), '{\n  // agents must show their work\n  "planTracker.requireEvidence": true,\n}\n');
      assert.equal(cli(repo, ['check', '--gate']).status, 1);
      edit('- [x] Phase 2: Sync engine', '- [x] Phase 2: Sync engine\n  - **Evidence:** e2e sync suite green (2026-02-01)');
      assert.equal(cli(repo, ['check', '--gate']).status, 0);
    });
  });

  describe('tick --evidence', () => {
    it('writes the evidence under the task; with evidence required, a tracking item is refused without it', () => {
      const r = cli(repo, ['tick', 'sync', 'Queue local writes', '--evidence', 'queue.test.ts: 9 passing']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(readFileSync(plan, 'utf8'), /- \[x\] Queue local writes\n {2}- Evidence: queue\.test\.ts: 9 passing \(\d{4}-\d{2}-\d{2}\)\n/);
      assert.match(r.stdout, /Evidence: queue\.test\.ts: 9 passing/);

      mkdirSync(path.join(repo, '.vscode'));
      writeFileSync(path.join(repo, '.vscode/settings.json'), '{ "planTracker.requireEvidence": true, /* JSONC */ }');
      const before = readFileSync(plan, 'utf8');
      const refused = cli(repo, ['tick', 'sync', 'Phase 2']);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /"Phase 2: Sync engine" is a Status Tracking item, and this workspace requires evidence/);
      assert.equal(readFileSync(plan, 'utf8'), before);
      assert.equal(cli(repo, ['tick', 'sync', 'Phase 2', '--evidence', 'all phase 2 tests pass']).status, 0);
      assert.match(readFileSync(plan, 'utf8'), /- \[x\] Phase 2: Sync engine\n {2}- Evidence: all phase 2 tests pass/);
    });

    it('--require-evidence on the command line', () => {
      const r = cli(repo, ['tick', 'sync', 'Phase 2', '--require-evidence']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /requires evidence/);
    });
  });

  describe('Claude Code hooks (JSON on stdin)', () => {
    const stopEvent = (active: boolean): string => JSON.stringify({ session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd: repo, permission_mode: 'default', hook_event_name: 'Stop', stop_hook_active: active });
    const editEvent = (file: string, tool = 'Edit'): string =>
      JSON.stringify({ session_id: 's1', cwd: repo, hook_event_name: 'PostToolUse', tool_name: tool, tool_input: { file_path: file, old_string: 'a', new_string: 'b' }, tool_response: { success: true } });

    it('stop: an honest plan lets the agent stop (exit 0, silent)', () => {
      const r = cli(repo, ['hook', 'stop'], stopEvent(false));
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr + r.stdout, '');
    });

    it('stop: a plan that claims Completed with open items keeps the agent working (exit 2, the reasons on stderr)', () => {
      edit('Implementation In Progress', 'Completed');
      const r = cli(repo, ['hook', 'stop'], stopEvent(false));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^Plan Tracker: the plans claim more than is done/);
      assert.match(r.stderr, /docs\/plans\/sync\.md:3:13: error completed-with-open-items/);
      assert.equal(r.stdout, '');
    });

    it('stop: when the agent already continued for a Stop hook, a failing gate is shown but does not block again (exit 1)', () => {
      edit('Implementation In Progress', 'Completed');
      const r = cli(repo, ['hook', 'stop'], stopEvent(true));
      assert.equal(r.status, 1);
      assert.match(r.stderr, /not blocking again/);
      assert.match(r.stderr, /completed-with-open-items/);
    });

    it('stop: the project is CLAUDE_PROJECT_DIR when set, else the event\'s cwd', () => {
      edit('Implementation In Progress', 'Completed');
      const elsewhere = mkdtempSync(path.join(tmpdir(), 'plan-hook-'));
      try {
        assert.equal(cli(elsewhere, ['hook', 'stop'], stopEvent(false)).status, 2, 'cwd from the event');
        assert.equal(cli(repo, ['hook', 'stop'], JSON.stringify({ hook_event_name: 'Stop', cwd: repo }), { CLAUDE_PROJECT_DIR: elsewhere }).status, 0, 'the project dir wins');
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('post-edit: an open task deleted from a plan: exit 2 with the drift on stderr', () => {
      edit('- [ ] Replay the queue when online\n', '');
      const r = cli(repo, ['hook', 'post-edit'], editEvent(plan));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^Plan Tracker: docs\/plans\/sync\.md lost work it had not done:/);
      assert.match(r.stderr, /docs\/plans\/sync\.md:21: task-removed: Open task "Replay the queue when online" was removed since HEAD/);
      assert.equal(r.stdout, '');
    });

    it('post-edit: a reworded task and a removed tracking item block; a relative file_path resolves against the project', () => {
      edit('Queue local writes', 'Queue writes');
      edit('- [ ] Phase 2: Sync engine\n', '');
      const r = cli(repo, ['hook', 'post-edit'], editEvent('docs/plans/sync.md', 'Write'));
      assert.equal(r.status, 2);
      assert.match(r.stderr, /task-reworded/);
      assert.match(r.stderr, /tracking-item-removed/);
    });

    it('post-edit: silent with exit 0 for ticks, an unticked task, a new plan, a non-plan, a missing file, and no git', () => {
      edit('- [ ] Queue local writes', '- [x] Queue local writes');
      edit('- [x] Create the schema', '- [ ] Create the schema');
      const fresh = path.join(repo, 'docs/plans/fresh.md');
      write(PLAN.replace('- [ ] Queue local writes\n', ''), fresh);
      writeFileSync(path.join(repo, 'README.md'), '# Readme\n\n- [ ] a list that lost an item\n');
      for (const file of [plan, fresh, path.join(repo, 'README.md'), path.join(repo, 'src/app.ts'), path.join(repo, 'docs/plans/gone.md')]) {
        const r = cli(repo, ['hook', 'post-edit'], editEvent(file));
        assert.equal(r.status, 0, `${file}: ${r.stderr}`);
        assert.equal(r.stderr + r.stdout, '', file);
      }
      const outside = mkdtempSync(path.join(tmpdir(), 'plan-nogit-'));
      try {
        write(PLAN.replace('- [ ] Queue local writes\n', ''), path.join(outside, 'plan.md'));
        const r = cli(outside, ['hook', 'post-edit'], JSON.stringify({ cwd: outside, tool_input: { file_path: path.join(outside, 'plan.md') } }));
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('post-edit: a plan reached through a linked folder is compared with HEAD; a repository with no commit yet is silent', () => {
      edit('- [ ] Replay the queue when online\n', '');
      const outside = mkdtempSync(path.join(tmpdir(), 'plan-link-'));
      try {
        symlinkSync(path.join(repo, 'docs'), path.join(outside, 'docs'));
        const r = cli(outside, ['hook', 'post-edit'], JSON.stringify({ cwd: outside, tool_input: { file_path: 'docs/plans/sync.md' } }));
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /^Plan Tracker: docs\/plans\/sync\.md lost work it had not done:\ndocs\/plans\/sync\.md:21: task-removed: /);
        rmSync(path.join(outside, 'docs'));
        write(PLAN.replace('- [ ] Queue local writes\n', ''), path.join(outside, 'plan.md'));
        git(outside, 'init', '-q');
        const fresh = cli(outside, ['hook', 'post-edit'], JSON.stringify({ cwd: outside, tool_input: { file_path: path.join(outside, 'plan.md') } }));
        assert.deepEqual([fresh.status, fresh.stderr], [0, '']);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('input that is not a JSON object, or an unknown hook: exit 1 (shown, never blocking)', () => {
      for (const [args, input] of [[['hook', 'stop'], 'not json'], [['hook', 'post-edit'], '[1]'], [['hook', 'pre-edit'], '{}'], [['hook'], '{}']] as const) {
        const r = cli(repo, [...args], input);
        assert.equal(r.status, 1, `${args.join(' ')} ${input}`);
        assert.equal(r.stderr.trim().split('\n').length, 1);
      }
    });
  });
});
