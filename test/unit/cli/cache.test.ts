import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UNSETTLED_MS } from '../../../src/core';
import { ROOT, joinLines } from '../support/helpers';

const bin = path.join(ROOT, 'dist/cli.js');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

const plan = (title: string, box: ' ' | 'x'): string =>
  joinLines(`# ${title}`, '**Created:** 2026-01-01', '**Status:** Implementation In Progress', '', '### Phase 1: A', `- [${box}] a`, '', '## Status Tracking', `- [${box}] Phase 1: A`, '- [ ] Phase 2: B', '', '**Key Files:**', '- `src/made-later.ts`', '');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('plan-tracker CLI cache (the built dist/cli.js, XDG_CACHE_HOME in a temporary folder)', function () {
  let ws: string;
  let cacheHome: string;

  const run = (...argv: string[]): Run => {
    const r = spawnSync(process.execPath, [bin, ...argv], { cwd: ws, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const cacheFiles = (): string[] => {
    const root = path.join(cacheHome, 'plan-tracker');
    if (!existsSync(root)) return [];
    // Not the CLI's compiled code (code/, src/cli/codeCache.ts): the caches of plans.
    return readdirSync(root)
      .filter((d) => d !== 'code')
      .flatMap((d) => readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)));
  };
  /** The number of entries in a cache file's index (core/cache.ts: the last line is the index's offset). */
  const entries = (file: string): number => {
    const bytes = readFileSync(file);
    const last = /\n(\d+)\n$/.exec(bytes.toString('latin1'))!;
    return (JSON.parse(bytes.subarray(Number(last[1]), bytes.length - last[0].length + 1).toString()) as unknown[]).length;
  };
  const done = (json: string, file: string): number => (JSON.parse(json) as { plans: { path: string; totals: { done: number } }[] }).plans.find((p) => p.path === file)!.totals.done;

  before(function () {
    if (!existsSync(bin)) this.skip(); // npm run build first
  });

  beforeEach(async () => {
    ws = mkdtempSync(path.join(tmpdir(), 'plan-cli-cache-'));
    cacheHome = mkdtempSync(path.join(tmpdir(), 'plan-cli-cache-home-'));
    mkdirSync(path.join(ws, 'docs/plans'), { recursive: true });
    writeFileSync(path.join(ws, 'docs/plans/a.md'), plan('A', ' '));
    writeFileSync(path.join(ws, 'docs/plans/b.md'), plan('B', 'x'));
    writeFileSync(path.join(ws, 'README.md'), '# Readme\n\nNot a plan.\n');
    // Files written in the last two seconds are never trusted to the cache (core/cache.ts): let them settle.
    await sleep(UNSETTLED_MS + 100);
  });
  afterEach(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(cacheHome, { recursive: true, force: true });
  });

  it('a warm run answers as the cold one did, from the cache, without rewriting it', () => {
    const cold = run('status', '--json');
    assert.equal(cold.code, 0, cold.err);
    const [file] = cacheFiles();
    assert.ok(file, 'a cache file was written');
    assert.equal(path.dirname(path.dirname(file)), path.join(cacheHome, 'plan-tracker'));
    const written = statSync(file).mtimeMs;
    assert.equal(entries(file), 3, 'two plans and the README (not a plan)');
    const warm = run('status', '--json');
    assert.equal(warm.out, cold.out);
    assert.equal(warm.err, '');
    assert.equal(statSync(file).mtimeMs, written, 'nothing changed: the cache is not written again');
    assert.equal(run('status').out, spawnSync(process.execPath, [bin, 'status', '--no-cache'], { cwd: ws, encoding: 'utf8' }).stdout);
  });

  it('every output format answers byte for byte as --no-cache does, cold and warm, and after one plan changed', function () {
    this.timeout(180_000); // 35 runs of the CLI
    const formats = [['status', '--json'], ['status'], ['check', '--json'], ['check'], ['check', '--format', 'github'], ['check', '--json', '--key-files'], ['check', '--gate', '--json']];
    const expected = (argv: string[]): Run => run(...argv, '--no-cache');
    for (const argv of formats) {
      const want = expected(argv);
      for (const when of ['cold', 'warm']) assert.deepEqual(run(...argv), want, `${argv.join(' ')}, ${when}`);
    }
    writeFileSync(path.join(ws, 'docs/plans/b.md'), plan('B', ' ').replace('# B', '# B, rewritten'));
    for (const argv of formats) assert.deepEqual(run(...argv), expected(argv), `${argv.join(' ')}, after a change`);
  });

  it('a file changed within the same second and with the same size gets the new answer', async () => {
    const a = path.join(ws, 'docs/plans/a.md');
    const { mtime } = statSync(a);
    assert.equal(done(run('status', '--json').out, 'docs/plans/a.md'), 0);
    // Same size, same modification time (set back): only the change time tells.
    writeFileSync(a, plan('A', 'x'));
    utimesSync(a, mtime, mtime);
    assert.equal(statSync(a).size, Buffer.byteLength(plan('A', ' ')));
    assert.equal(done(run('status', '--json').out, 'docs/plans/a.md'), 2);

    // Written just before a run (unsettled), then again in the same tick: the cache never kept it.
    writeFileSync(a, plan('A', ' '));
    const stamp = statSync(a).mtime;
    assert.equal(done(run('status', '--json').out, 'docs/plans/a.md'), 0);
    writeFileSync(a, plan('A', 'x'));
    utimesSync(a, stamp, stamp);
    assert.equal(done(run('status', '--json').out, 'docs/plans/a.md'), 2);
    await sleep(0);
  });

  it('--no-cache neither reads nor writes a cache', () => {
    const r = run('status', '--no-cache', '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(cacheFiles(), []);
    assert.match(run('--help').out, /--no-cache/);
  });

  it('a cache folder that cannot be made costs the cache, never the answer', () => {
    const answer = run('status', '--json', '--no-cache');
    rmSync(cacheHome, { recursive: true, force: true });
    writeFileSync(cacheHome, 'a file where the cache folder would go');
    for (const args of [['status', '--json'], ['check', '--json']]) {
      const r = run(...args);
      assert.equal(r.err, '', args.join(' '));
      if (args[0] === 'status') assert.equal(r.out, answer.out);
    }
  });

  it('a corrupt or older-format cache is discarded with one line, and rebuilt', () => {
    const cold = run('status', '--json');
    const [file] = cacheFiles();
    const whole = readFileSync(file);
    const indexAt = Number(/\n(\d+)\n$/.exec(whole.toString('latin1'))![1]);
    const badIndex = Buffer.from(whole);
    badIndex.write('{', indexAt + 1);
    for (const corrupt of [whole.subarray(0, whole.length - 3), badIndex, Buffer.from('\0\0\0 not a cache')]) {
      writeFileSync(file, corrupt);
      const r = run('status', '--json');
      assert.equal(r.out, cold.out);
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, /cache .* discarded \(not readable\); it is rebuilt/);
      assert.equal(entries(file), 3);
      assert.equal(run('status', '--json').err, '', 'rebuilt: read without a word');
    }
    // Format 1 was one JSON document, each plan's entry an escaped string in it.
    for (const format of [0, 1]) {
      writeFileSync(file, JSON.stringify({ format, key: '', entries: [] }));
      const old = run('status', '--json');
      assert.equal(old.out, cold.out);
      assert.equal(old.err, `plan-tracker: cache ${file} discarded (format ${format}, expected 2); it is rebuilt.\n`);
      assert.equal(entries(file), 3);
    }
  });

  it('check from the cache still asks the file system whether key files exist', () => {
    const before = run('check', '--key-files', '--json');
    const findings = (r: Run): string[] => (JSON.parse(r.out) as { plans: { findings: { code: string }[] }[] }).plans.flatMap((p) => p.findings.map((f) => f.code));
    assert.equal(findings(before).filter((c) => c === 'key-file-missing').length, 2);
    assert.deepEqual(run('check', '--key-files', '--json').out, before.out);
    mkdirSync(path.join(ws, 'src'));
    writeFileSync(path.join(ws, 'src/made-later.ts'), '');
    assert.equal(findings(run('check', '--key-files', '--json')).filter((c) => c === 'key-file-missing').length, 0);
    assert.equal(run('check').code, run('check', '--no-cache').code);
  });

  it('runs at the same time leave a whole cache and right answers', async () => {
    const expected = run('status', '--no-cache', '--json').out;
    const once = (): Promise<Run> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [bin, 'status', '--json'], { cwd: ws, env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, out, err }));
      });
    const runs = await Promise.all([once(), once(), once(), once()]);
    for (const r of runs) {
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, expected);
    }
    const files = cacheFiles();
    assert.equal(files.length, 1, `no temporary file left: ${files.join(', ')}`);
    assert.equal(entries(files[0]), 3);
  });

  it('a warm run loads neither node:crypto nor fs/promises (with their streams and readline, a tenth of the start-up)', () => {
    assert.equal(run('status', '--json').code, 0);
    const preload = path.join(cacheHome, 'modules.cjs');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, '\\nMODULES=' + JSON.stringify(process.moduleLoadList) + '\\n'));\n");
    for (const command of ['status', 'check']) {
      const r = spawnSync(process.execPath, ['--require', preload, bin, command, '--json'], { cwd: ws, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
      const loaded = JSON.parse(/MODULES=(.*)/.exec(r.stderr)![1]) as string[];
      assert.ok(loaded.includes('NativeModule fs'), 'the list is the real one');
      assert.deepEqual(loaded.filter((m) => /^NativeModule (crypto|fs\/promises|readline|child_process)$/.test(m)), [], command);
    }
  });
});
