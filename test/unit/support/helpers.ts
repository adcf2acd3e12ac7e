import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, type EditResult } from '../../../src/core';

export const ROOT = path.resolve(__dirname, '../../..');
export const SEED_PATH = path.resolve(ROOT, '../shared/seed/000_15ae7f67adee7c12.txt');
export const CORE_FIXTURES = path.join(ROOT, 'test/fixtures/core');

/** The seed template: read from shared/ when present, else the bundled copy. */
export function seedTemplate(): string {
  try {
    return readFileSync(SEED_PATH, 'utf8');
  } catch {
    return readFileSync(path.join(ROOT, 'test/fixtures/seed-template.md'), 'utf8');
  }
}

export function fixture(name: string): string {
  return readFileSync(path.join(CORE_FIXTURES, name), 'utf8');
}

export function fixtureNames(): string[] {
  return readdirSync(CORE_FIXTURES).filter((f) => f.endsWith('.md')).sort();
}

export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/** The text after an edit the core must not have refused. */
export function applyResult(text: string, result: EditResult): string {
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return applyEdits(text, result.edits);
}

/** Waits until `condition` holds, checking every 5 ms; throws after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
