/**
 * dist/cli.js, the launcher (src/cli/launch.ts): a post-edit hook on a file that is not Markdown
 * is answered without loading the CLI (dist/cliMain.js); everything else reaches the CLI with the
 * hook's input whole, however it arrives on stdin.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/helpers';

const BIN = path.join(ROOT, 'dist/cli.js');

describe('plan-tracker launcher (the built dist/cli.js)', function () {
  this.timeout(30_000);
  let dir: string;
  /**
   * Loaded with --require before the launcher: prints, on exit, the bundles the process loaded and
   * whether it loaded Node's stream modules (what `process.stdin` costs a short run).
   */
  let loaded: string;
  /** The runs' environment: their caches (the code cache of every run) in the test's folder, not the home's. */
  let env: NodeJS.ProcessEnv;

  before(function () {
    if (!existsSync(BIN)) {
      const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'plan-launch-'));
    env = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') };
    loaded = path.join(dir, 'loaded.cjs');
    writeFileSync(
      loaded,
      `process.on('exit', () => require('fs').writeSync(2, 'LOADED ' + Object.keys(require.cache).map((f) => require('path').basename(f)).join(',') + '\\n' +
        'STREAMS ' + process.moduleLoadList.filter((m) => /^NativeModule (internal\\/streams\\/readable|net)$/.test(m)).length + '\\n' +
        'VM ' + process.moduleLoadList.filter((m) => /^NativeModule (vm|module)$/.test(m)).length + '\\n'));\n`,
    );
    writeFileSync(path.join(dir, 'plan.md'), '# P\n\n**Status:** Implementation In Progress\n\n## Status Tracking\n\n- [ ] Phase 1: A\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], input: string) => spawnSync(process.execPath, ['--require', loaded, BIN, ...args], { cwd: dir, env, encoding: 'utf8', input });
  const bundles = (stderr: string): string[] => /LOADED (.*)/.exec(stderr)?.[1].split(',') ?? [];
  const streamModules = (stderr: string): number => Number(/STREAMS (\d+)/.exec(stderr)?.[1]);
  /** How many of node:vm and node:module the process loaded (what the code cache needs: src/cli/codeCache.ts). */
  const vmModules = (stderr: string): number => Number(/VM (\d+)/.exec(stderr)?.[1]);
  const output = (stderr: string): string => stderr.replace(/^(LOADED|STREAMS|VM) .*\n/gm, '');
  const event = (file: unknown, padding = 0) => JSON.stringify({ hook_event_name: 'PostToolUse', cwd: dir, tool_name: 'Write', tool_input: { file_path: file, content: 'x'.repeat(padding) } });

  it('post-edit of code, or of nothing, exits 0 silently without loading the CLI', () => {
    for (const input of [event('src/app.ts'), event(path.join(dir, 'notes.txt')), event(42), '{}', '', JSON.stringify({ tool_input: {} })]) {
      const r = run(['hook', 'post-edit'], input);
      assert.equal(r.status, 0, input);
      assert.equal(r.stdout, '', input);
      assert.equal(output(r.stderr), '', input);
      assert.deepEqual(bundles(r.stderr), ['loaded.cjs', 'cli.js'], input);
      assert.equal(streamModules(r.stderr), 0, input);
      assert.equal(vmModules(r.stderr), 0, input);
    }
  });

  it('post-edit of Markdown, input that is not a JSON object, and every other command load the CLI', () => {
    for (const file of ['plan.md', 'missing.md']) {
      const markdown = run(['hook', 'post-edit'], event(file));
      assert.equal(markdown.status, 0, markdown.stderr);
      assert.equal(output(markdown.stderr), '');
      assert.ok(bundles(markdown.stderr).includes('cliMain.js'), file);
      // Loaded through the code cache.
      assert.equal(vmModules(markdown.stderr), 2, file);
    }
    // A Markdown file that is gone has nothing to compare: the run reads its input without the stream modules (a plan runs git).
    assert.equal(streamModules(run(['hook', 'post-edit'], event('missing.md')).stderr), 0);
    const broken = run(['hook', 'post-edit'], '[1]');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /^plan-tracker: hook post-edit: the hook input on stdin is not a JSON object; nothing was checked\.$/m);
    const status = run(['status', '--no-cache', 'plan.md'], '');
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /^plan\.md +Implementation In Progress +Phase 1: A +0\/1 +0%$/m);
    assert.ok(bundles(status.stderr).includes('cliMain.js'));
  });

  it('reads the whole input when it comes in parts, larger than one read', async () => {
    // Cut inside the JSON: a launcher that read only the first part would see input that is not JSON (exit 1).
    for (const file of ['src/app.ts', 'missing.md']) {
      const text = event(file, 200_000);
      const child = spawn(process.execPath, [BIN, 'hook', 'post-edit'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.write(text.slice(0, 100));
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.stdin.end(text.slice(100));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, `${file}: ${stderr}`);
      assert.equal(stderr, '', file);
    }
  });

  it('reads a non-blocking stdin through the stream (EAGAIN)', function () {
    // Node's own child processes get blocking stdio; Python can hand over a non-blocking pipe.
    if (spawnSync('python3', ['--version']).status !== 0) this.skip();
    const script = 'import os, sys, time\nr, w = os.pipe()\nif os.fork() == 0:\n    os.close(r)\n    time.sleep(0.3)\n    os.write(w, sys.argv[1].encode())\n    os._exit(0)\nos.close(w)\nos.dup2(r, 0)\nos.set_blocking(0, False)\nos.execv(sys.argv[2], sys.argv[2:])\n';
    for (const [file, code] of [['src/app.ts', 0], ['missing.md', 0]] as const) {
      const r = spawnSync('python3', ['-c', script, event(file, 100_000), process.execPath, '--require', loaded, BIN, 'hook', 'post-edit'], { cwd: dir, env, encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, code, `${file}: ${r.stderr}`);
      assert.equal(output(r.stderr), '', file);
      assert.equal(bundles(r.stderr).includes('cliMain.js'), file.endsWith('.md'), file);
    }
  });
});
