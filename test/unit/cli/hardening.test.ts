import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parsePlan } from '../../../src/core';
import { main, statusRecord, statusTable } from '../../../src/cli/main';
import { displayWidth, padToWidth, terminalSafe, truncateToWidth } from '../../../src/cli/terminalText';
import { ROOT, joinLines } from '../support/helpers';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const plan = (title: string, status = 'Implementation In Progress'): string =>
  joinLines(`# ${title}`, '**Created:** 2026-01-02', `**Status:** ${status}`, '', '### Phase 1: A', '- [x] a', '### Phase 2: B', '- [ ] b', '', '## Status Tracking', '- [x] Phase 1: A', '- [ ] Phase 2: B', '');

describe('plan-tracker CLI hardening', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-cli-hard-'));
    mkdirSync(path.join(ws, 'docs/plans'), { recursive: true });
    writeFileSync(path.join(ws, 'docs/plans/a.md'), plan('A'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  describe('special files', () => {
    it('a named pipe given to the CLI is skipped at once with a clear line (it used to hang)', async function () {
      this.timeout(1000);
      if (spawnSync('mkfifo', [path.join(ws, 'docs/plans/fifo.md')]).status !== 0) this.skip();
      const named = await run(ws, 'status', 'docs/plans/fifo.md');
      assert.equal(named.code, 2);
      assert.equal(named.err, 'plan-tracker: docs/plans/fifo.md: skipped: not a regular file (a pipe, socket or device)');
      const walked = await run(ws, 'status');
      assert.equal(walked.code, 0);
      assert.equal(walked.err, 'plan-tracker: docs/plans/fifo.md: skipped: not a regular file (a pipe, socket or device)');
      assert.match(walked.out, /1 plan · 2\/4 tasks done/);
    });

    it('a .md linked to /dev/zero is skipped at once with a clear line (it used to grow to gigabytes)', async function () {
      this.timeout(1000);
      symlinkSync('/dev/zero', path.join(ws, 'docs/plans/zero.md'));
      const named = await run(ws, 'status', 'docs/plans/zero.md');
      assert.equal(named.code, 2);
      assert.equal(named.err, 'plan-tracker: docs/plans/zero.md: skipped: not a regular file (a pipe, socket or device)');
      const walked = await run(ws, 'check');
      assert.equal(walked.err, 'plan-tracker: docs/plans/zero.md: skipped: not a regular file (a pipe, socket or device)');
    });

    it('a pipe, or a link to /dev/zero, as .vscode/settings.json leaves the default settings (either hung every check)', function () {
      this.timeout(60_000);
      const check = () => spawnSync(process.execPath, ['--import', require.resolve('tsx'), path.join(ROOT, 'src/cli/launch.ts'), 'check', '--no-cache'], { cwd: ws, encoding: 'utf8', timeout: 20_000 });
      // What check says with no settings file: the defaults.
      const expected = check();
      mkdirSync(path.join(ws, '.vscode'));
      const settings = path.join(ws, '.vscode/settings.json');
      if (spawnSync('mkfifo', [settings]).status !== 0) this.skip();
      for (const what of ['a pipe', 'a link to /dev/zero']) {
        if (what !== 'a pipe') {
          rmSync(settings);
          symlinkSync('/dev/zero', settings);
        }
        const r = check();
        assert.equal(r.error, undefined, `${what}: ${String(r.error)}`);
        assert.deepEqual([r.status, r.stdout, r.stderr], [expected.status, expected.stdout, expected.stderr], what);
        assert.match(r.stdout, /1 plan/, what);
      }
    });

    it('a plan over the 5 MB limit is skipped with the reason, named or found', async () => {
      writeFileSync(path.join(ws, 'docs/plans/huge.md'), plan('Huge').padEnd(6 * 1024 * 1024, 'x'));
      const walked = await run(ws, 'status');
      assert.equal(walked.code, 0);
      assert.equal(walked.err, 'plan-tracker: docs/plans/huge.md: skipped: 6 MB is larger than the 5 MB limit for a plan file');
      assert.doesNotMatch(walked.out, /huge/);
      assert.equal((await run(ws, 'status', 'docs/plans/huge.md')).code, 2);
    });

    it('prints the table of 130,000 plans (a spread of that many arguments overflowed the stack)', () => {
      const record = statusRecord(parsePlan(plan('Many')));
      const plans = Array.from({ length: 130_000 }, (_, i) => ({ path: `p/${i}.md`, record }));
      const lines = statusTable(plans).split('\n');
      assert.equal(lines.length, 130_003);
      assert.equal(lines.at(-1), '130000 plans · 260000/520000 tasks done');
    });

    it('walks a folder nested 600 deep', async () => {
      let dir = path.join(ws, 'deep');
      for (let i = 0; i < 600; i++) dir = path.join(dir, 'd');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'deep.md'), plan('Deep'));
      const r = await run(ws, 'status', '--json');
      assert.equal(JSON.parse(r.out).plans.length, 2);
    });
  });

  describe('links: followed, each real file once, never a loop', () => {
    it('follows a link to a plan file outside the folder', async () => {
      const outside = mkdtempSync(path.join(tmpdir(), 'plan-cli-outside-'));
      try {
        writeFileSync(path.join(outside, 'shared.md'), plan('Shared'));
        symlinkSync(path.join(outside, 'shared.md'), path.join(ws, 'docs/plans/shared.md'));
        const r = await run(ws, 'status', '--json');
        assert.deepEqual(JSON.parse(r.out).plans.map((p: { path: string }) => p.path), ['docs/plans/a.md', 'docs/plans/shared.md']);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('counts a plan reached through a folder link once, under its own path', async () => {
      symlinkSync('docs/plans', path.join(ws, 'alias'));
      symlinkSync('a.md', path.join(ws, 'docs/plans/also-a.md'));
      const r = await run(ws, 'status', '--json');
      const json = JSON.parse(r.out);
      assert.deepEqual(json.plans.map((p: { path: string }) => p.path), ['docs/plans/a.md']);
      assert.equal(json.totals.plans, 1);
    });

    it('does not loop on a folder link back up', async () => {
      symlinkSync('..', path.join(ws, 'docs/plans/up'));
      symlinkSync(ws, path.join(ws, 'docs/root'));
      const r = await run(ws, 'status', '--json');
      assert.equal(JSON.parse(r.out).totals.plans, 1);
      assert.equal(r.err, '');
    });
  });

  describe('--exclude', () => {
    it('applies to paths outside the current folder, as given and relative to the folder searched', async () => {
      const sub = path.join(ws, 'sub');
      mkdirSync(sub);
      mkdirSync(path.join(ws, 'docs/plans/archive'));
      writeFileSync(path.join(ws, 'docs/plans/archive/old.md'), plan('Old'));
      const paths = async (...argv: string[]): Promise<string[]> => JSON.parse((await run(sub, 'status', '--json', ...argv)).out).plans.map((p: { path: string }) => p.path);
      assert.deepEqual(await paths('../docs'), ['../docs/plans/a.md', '../docs/plans/archive/old.md']);
      assert.deepEqual(await paths('./../docs/'), ['../docs/plans/a.md', '../docs/plans/archive/old.md']);
      assert.deepEqual(await paths('../docs', '--exclude', 'plans/archive/**'), ['../docs/plans/a.md']);
      assert.deepEqual(await paths('../docs', '--exclude', '../docs/plans/archive/**'), ['../docs/plans/a.md']);
      assert.deepEqual(await paths('../docs', '--exclude', '**/archive'), ['../docs/plans/a.md']);
      const abs = path.join(ws, 'docs');
      assert.deepEqual(await paths(abs, '--exclude', `${abs}/plans/archive/**`), [`${abs}/plans/a.md`]);
      assert.deepEqual(await paths(path.join(abs, 'plans/a.md'), '--exclude', '**/a.md'), []);
      const inCwd = JSON.parse((await run(ws, 'status', '--json', abs, '--exclude', 'docs/plans/archive/**')).out).plans.map((p: { path: string }) => p.path);
      assert.deepEqual(inCwd, [`${abs}/plans/a.md`], 'an absolute path inside the current folder is matched relative to it too');
    });

    it("rejects an empty pattern with a usage error (it printed 'unexpected error')", async () => {
      const r = await run(ws, 'status', '--exclude', '');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'plan-tracker: --exclude needs a glob, not an empty string (see plan-tracker --help)');
      assert.equal(r.out, '');
    });
  });

  describe('terminal output', () => {
    const ESC = '\u001b';
    const hostile = `Evil ${ESC}]52;c;cm0gLXJmIH4=\u0007${ESC}[2K${ESC}[1A\u009b31m\u202egnp.exe`;

    it('a plan whose title, status, phase and file name hold OSC 52 and CSI sequences prints no ESC byte', async () => {
      const name = `docs/plans/x${ESC}[31m.md`;
      writeFileSync(path.join(ws, name), plan(hostile, `Implementation In Progress${ESC}]52;c;eA==\u0007`).replace(/Phase 2: B/g, `Phase 2: ${hostile}`));
      for (const argv of [['status'], ['check'], ['status', name], ['check', '--key-files']]) {
        const r = await run(ws, ...argv);
        for (const text of [r.out, r.err]) {
          assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(text), `${argv.join(' ')}: ${JSON.stringify(text)}`);
        }
        assert.match(r.out + r.err, /x\\x1B\[31m\.md/);
      }
    });

    it('keeps JSON as it is: JSON escapes control characters itself', async () => {
      writeFileSync(path.join(ws, 'docs/plans/a.md'), plan(hostile));
      const r = await run(ws, 'status', '--json');
      assert.ok(!r.out.includes(ESC));
      assert.equal(JSON.parse(r.out).plans[0].title, hostile);
    });

    it('terminalSafe shows each control character as a visible escape and leaves other text alone', () => {
      assert.equal(terminalSafe(`a${ESC}[2Kb\tc\nd\u009be\u202ef`), 'a\\x1B[2Kb\\x09c\\x0Ad\\x9Be\\u202Ef');
      assert.equal(terminalSafe('Phase 2: Café — ✓ 漢字'), 'Phase 2: Café — ✓ 漢字');
    });

    it('measures, cuts and pads a cell by the columns a terminal gives it: a CJK character or an emoji takes two', () => {
      assert.equal(displayWidth('进行中'), 6);
      assert.equal(displayWidth('Phase 2: Observability 🔭'), 25);
      assert.equal(displayWidth('Café'), 4);
      assert.equal(displayWidth('e\u0301'), 1);
      assert.equal(truncateToWidth('阶段二：核心功能', 7), '阶段二…');
      assert.equal(truncateToWidth('abc', 3), 'abc');
      assert.equal(padToWidth('进行中', 8), '进行中  ');
      assert.equal(padToWidth('3/7', 5, true), '  3/7');
    });

    it('lines up the status table when a plan is written in Chinese', async () => {
      writeFileSync(path.join(ws, 'docs/plans/zh.md'), ['# 开发计划', '', '**状态：** 进行中', '', '## 阶段一：初始化', '- [x] a', '## 阶段二：核心功能', '- [ ] b', ''].join('\n'));
      writeFileSync(path.join(ws, 'docs/plans/en.md'), plan('English'));
      const r = await run(ws, 'status', 'docs/plans/en.md', 'docs/plans/zh.md', '--no-cache');
      const rows = r.out.split('\n').slice(0, 3);
      assert.match(rows[2], /进行中/);
      // Each column starts at the same terminal column on every row.
      const columnOf = (row: string, text: string) => displayWidth(row.slice(0, row.indexOf(text)));
      assert.equal(columnOf(rows[2], '进行中'), columnOf(rows[0], 'STATUS'));
      assert.equal(columnOf(rows[2], '阶段二'), columnOf(rows[0], 'CURRENT PHASE'));
      // The last column is right-aligned: every row ends at the same column.
      assert.deepEqual(rows.map(displayWidth), [displayWidth(rows[0]), displayWidth(rows[0]), displayWidth(rows[0])]);
    });
  });

  describe('front matter', () => {
    it('a YAML alias bomb or a cycle in front matter does not hang or crash status --json and check --json', async function () {
      this.timeout(20_000);
      const levels = 'abcdefghi'.split('');
      const bomb = levels.map((l, i) => (i === 0 ? `${l}: &${l} ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` : `${l}: &${l} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]`));
      writeFileSync(path.join(ws, 'docs/plans/bomb.md'), joinLines('---', ...bomb, '---', plan('Bomb')));
      writeFileSync(path.join(ws, 'docs/plans/cycle.md'), joinLines('---', 'self: &s [1, *s]', '---', plan('Cycle')));
      for (const argv of [['status', '--json'], ['check', '--json']]) {
        const r = await run(ws, ...argv, '--no-cache');
        assert.equal(r.err, '', argv.join(' '));
        const json = JSON.parse(r.out) as { plans: { path: string; frontMatter?: unknown }[] };
        assert.deepEqual(json.plans.map((p) => p.path).sort(), ['docs/plans/a.md', 'docs/plans/bomb.md', 'docs/plans/cycle.md']);
        // status --json gives each plan's front matter: none for these two.
        for (const p of json.plans) if ('frontMatter' in p) assert.equal(p.frontMatter, null, p.path);
        assert.equal(json.plans.some((p) => 'frontMatter' in p), argv[0] === 'status');
      }
    });
  });

  describe('output', () => {
    it('text and JSON reach a reader that is slow to read, whole and in order', async function () {
      this.timeout(60_000);
      // Over 64 KB of text and of JSON, more than a pipe holds: the CLI waits for the reader.
      for (let i = 0; i < 700; i++) writeFileSync(path.join(ws, `docs/plans/p${String(i).padStart(4, '0')}-${'x'.repeat(60)}.md`), plan(`Plan ${i} ${'y'.repeat(60)}`));
      for (const argv of [['status'], ['status', '--json']]) {
        const expected = await run(ws, ...argv);
        const child = spawn(process.execPath, ['--import', require.resolve('tsx'), path.join(ROOT, 'src/cli/launch.ts'), ...argv, '--no-cache'], { cwd: ws, stdio: ['ignore', 'pipe', 'pipe'] });
        const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // The reader waits before it reads anything. (A 'readable' listener: with none, Node drains
        // and drops a child's output when the child exits.)
        const waiting = (): void => undefined;
        child.stdout.on('readable', waiting);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        child.stdout.off('readable', waiting);
        const chunks: Buffer[] = [];
        child.stdout.on('data', (d: Buffer) => chunks.push(d));
        child.stdout.resume();
        const code = await closed;
        const out = Buffer.concat(chunks).toString('utf8');
        assert.equal(stderr, expected.err ? `${expected.err}\n` : '');
        assert.equal(code, expected.code);
        assert.ok(out.length > 65_536, `${out.length} characters`);
        // Each line of the in-process run's text; JSON as a whole (the in-process run prints it in lines too).
        assert.equal(out, `${expected.out}\n`, argv.join(' '));
      }
    });
  });

  describe('EPIPE', () => {
    it('piped into a reader that closes early, it exits 0 with nothing on stderr', async function () {
      this.timeout(30_000);
      const child = spawn(process.execPath, ['--import', require.resolve('tsx'), path.join(ROOT, 'src/cli/launch.ts'), 'status'], { cwd: ws, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // `head -1` at its most abrupt: the pipe is closed before the CLI writes its first line.
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.equal(code, 0);
    });
  });
});
