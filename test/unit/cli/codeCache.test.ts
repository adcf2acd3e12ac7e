/**
 * The CLI's code cache (src/cli/codeCache.ts), through the built launcher: a copy of dist/cli.js
 * and dist/cliMain.js in a folder of the test's own, so that a test can change the bundle.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { KEEP } from '../../../src/cli/codeCache';
import { ROOT } from '../support/helpers';

describe('plan-tracker code cache (the built launcher)', function () {
  this.timeout(30_000);
  let dir: string;
  let bin: string;
  let cacheHome: string;
  let codeFolder: string;

  before(function () {
    if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
      const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'plan-code-cache-'));
    writeFileSync(path.join(dir, 'plan.md'), '# P\n\n**Status:** Implementation In Progress\n\n## Status Tracking\n\n- [x] Phase 1: A\n- [ ] Phase 2: B\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(function () {
    // A fresh copy of the CLI and an empty cache folder for each test.
    bin = path.join(dir, 'bin');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    for (const f of ['cli.js', 'cliMain.js']) copyFileSync(path.join(ROOT, 'dist', f), path.join(bin, f));
    cacheHome = path.join(dir, 'cache');
    rmSync(cacheHome, { recursive: true, force: true });
    codeFolder = path.join(cacheHome, 'plan-tracker', 'code');
  });

  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [path.join(bin, 'cli.js'), ...args], { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...extraEnv }, encoding: 'utf8' });
    assert.equal(r.stderr, '', args.join(' '));
    assert.equal(r.status, 0, args.join(' '));
    return r.stdout;
  };
  const codeFiles = (): string[] => (existsSync(codeFolder) ? readdirSync(codeFolder).sort() : []);
  /** What tells a file rewritten (a new file renamed over it) from one left alone. */
  const identity = (file: string): string => {
    const s = statSync(path.join(codeFolder, file));
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  };
  const STATUS = /^plan\.md +Implementation In Progress +Phase 2: B +1\/2 +50%$/m;

  it('keeps the compiled CLI per command; the next run uses it and does not write it again', () => {
    assert.match(run(['status', '--no-cache', 'plan.md']), STATUS);
    // --no-cache: no cache of any kind.
    assert.deepEqual(codeFiles(), []);
    assert.match(run(['status', 'plan.md']), STATUS);
    assert.equal(run(['--version']).trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const files = codeFiles();
    assert.equal(files.length, 2, files.join(' '));
    assert.ok(files.some((f) => f.endsWith('-status.bin')) && files.some((f) => f.endsWith('-other.bin')), files.join(' '));
    const before = files.map(identity);
    // Data that V8 accepted is not written again (rejected data would be: a new file renamed over it).
    assert.match(run(['status', 'plan.md']), STATUS);
    run(['--version']);
    assert.deepEqual(codeFiles().map(identity), before);
  });

  it('data that V8 rejects (another build, flags, garbage) is compiled past and replaced; the answer is the same', () => {
    run(['status', 'plan.md']);
    const [file] = codeFiles();
    writeFileSync(path.join(codeFolder, file), 'not V8 code cache data');
    assert.match(run(['status', 'plan.md']), STATUS);
    assert.notEqual(readFileSync(path.join(codeFolder, file), 'utf8'), 'not V8 code cache data');
    // The new data is accepted in turn.
    const replaced = identity(file);
    run(['status', 'plan.md']);
    assert.equal(identity(file), replaced);
  });

  it('a CLI changed to another of the same length never runs the code cached for the old one', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    assert.equal(run(['--version']).trim(), version);
    // V8 checks a cache against the source's length only: the file's stamp names the data.
    const main = path.join(bin, 'cliMain.js');
    const other = version.replace(/\d/g, '9');
    const source = readFileSync(main, 'utf8');
    assert.ok(source.includes(JSON.stringify(version)));
    writeFileSync(main, source.split(JSON.stringify(version)).join(JSON.stringify(other)));
    assert.equal(statSync(main).size, Buffer.byteLength(source));
    assert.equal(run(['--version']).trim(), other);
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off; a cache folder that cannot be made costs nothing but the cache', () => {
    run(['status', 'plan.md'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(existsSync(codeFolder), false);
    // The cache home is a file: no folder can be made in it; the run answers as usual, silently.
    rmSync(cacheHome, { recursive: true, force: true });
    writeFileSync(cacheHome, 'a file, not a folder');
    assert.match(run(['status', 'plan.md']), STATUS);
    rmSync(cacheHome);
  });

  it(`keeps at most ${KEEP} files, removing the oldest`, () => {
    mkdirSync(codeFolder, { recursive: true });
    const old = Array.from({ length: KEEP + 5 }, (_, i) => `old${String(i).padStart(2, '0')}-status.bin`);
    old.forEach((f, i) => {
      writeFileSync(path.join(codeFolder, f), 'stale');
      utimesSync(path.join(codeFolder, f), 1_000_000 + i, 1_000_000 + i);
    });
    run(['status', 'plan.md']);
    const files = codeFiles();
    assert.equal(files.length, KEEP);
    // The file just written, and the newest of the old ones.
    assert.equal(files.filter((f) => !f.startsWith('old')).length, 1, files.join(' '));
    assert.deepEqual(
      files.filter((f) => f.startsWith('old')),
      old.slice(old.length - (KEEP - 1)),
    );
  });
});
