/**
 * Which extension host the suite runs in. The same test files run twice: in the Node extension
 * host (test/integration/index.ts) and in the web worker extension host (test/integration/web/,
 * the vscode.dev / github.dev path); scripts/build-tests.mjs builds one bundle for each and sets
 * PLAN_TRACKER_TEST_HOST in it.
 */
import type * as Mocha from 'mocha';

declare const PLAN_TRACKER_TEST_HOST: 'node' | 'web';

/** The host this build of the suite was made for: `node` or `web`. */
export const TEST_HOST: 'node' | 'web' = PLAN_TRACKER_TEST_HOST;

/** Whether this code really runs in a web worker (the worker global scope has importScripts). */
export function inWebWorker(): boolean {
  return typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
}

/** Whether Node's globals exist here (`typeof process`, read without naming the Node global). */
export function hasNodeProcess(): boolean {
  return typeof (globalThis as { process?: unknown }).process !== 'undefined';
}

/**
 * For a test that needs what only a Node host has (a local process, e.g. a git command): in the
 * web worker host it is skipped, with the reason in its title (so the results file says why).
 * Call first thing in the test, or in a `before` hook for a whole suite:
 * `skipInWebWorker(this, 'runs git')`.
 */
export function skipInWebWorker(context: Mocha.Context, reason: string): void {
  if (TEST_HOST !== 'web') return;
  // A test: its own title; a hook: its suite's, so every test skipped with it carries the reason.
  const runnable = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const target = runnable?.type === 'hook' ? runnable.parent : runnable;
  if (target) target.title += ` [skipped in the web worker: ${reason}]`;
  context.skip();
}
