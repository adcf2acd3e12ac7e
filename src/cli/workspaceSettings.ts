/**
 * The editor's settings the CLI honours, read from the workspace's `.vscode/settings.json` (JSON
 * with comments and trailing commas, as VS Code writes it): `planTracker.requireEvidence` and
 * `planTracker.statuses`. A missing or unreadable file means the defaults; a value of the wrong
 * type is ignored, as the editor ignores it. A special file, a binary one or one over 5 MB counts as
 * unreadable (the read policy of plan files).
 */
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import type { PlanSettings } from '../core';
import { PlanFileReader } from './readPlanFile';

export interface CliSettings {
  readonly requireEvidence: boolean;
  /** Undefined: the core's default statuses. */
  readonly statuses?: readonly string[];
}

export function readWorkspaceSettings(cwd: string): CliSettings {
  let text: string;
  try {
    // By the plan files' read policy: a pipe or a link to a device there must not hang every run.
    const read = new PlanFileReader().read(path.join(cwd, '.vscode', 'settings.json'));
    if (!('text' in read)) return { requireEvidence: false };
    text = read.text;
  } catch {
    return { requireEvidence: false };
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { requireEvidence: false };
  const settings = value as Record<string, unknown>;
  const statuses = settings['planTracker.statuses'];
  const list = Array.isArray(statuses) ? statuses.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
  return { requireEvidence: settings['planTracker.requireEvidence'] === true, ...(list.length ? { statuses: list } : {}) };
}

/** The plan service's settings for these. */
export function servicePlanSettings(settings: CliSettings): PlanSettings {
  return { requireEvidence: settings.requireEvidence, ...(settings.statuses ? { statuses: settings.statuses } : {}) };
}
