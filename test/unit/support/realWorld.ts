/**
 * The real-world fixtures (`test/fixtures/real-world/`) and their manifest: what each file is
 * expected to be, and what the core makes of it. Shared by the unit test and `npm run eval:fixtures`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { checkPlan, parsePlan, templatePlaceholders, type FindingCode, type Plan } from '../../../src/core';

export const REAL_WORLD = path.resolve(__dirname, '../../fixtures/real-world');
const BUNDLED_TEMPLATE = path.resolve(__dirname, '../../../templates/plan-template.md');

export interface ExpectedPlan {
  readonly file: string;
  readonly plan: true;
  readonly kind: string;
  readonly tasks: number;
  readonly done: number;
  readonly phases: number;
  readonly currentPhase: string | null;
  readonly findings: readonly FindingCode[];
}

export interface ExpectedNonPlan {
  readonly file: string;
  readonly plan: false;
  /** The trap it sets, in words. */
  readonly why: string;
}

export type Expected = ExpectedPlan | ExpectedNonPlan;

export interface Actual {
  readonly plan: boolean;
  readonly kind: string | undefined;
  readonly tasks: number;
  readonly done: number;
  readonly phases: number;
  readonly currentPhase: string | null;
  /** Distinct finding codes, sorted; empty for a non-plan (it is never checked). */
  readonly findings: FindingCode[];
  readonly model: Plan;
  readonly text: string;
}

export function loadManifest(): Expected[] {
  return (JSON.parse(readFileSync(path.join(REAL_WORLD, 'manifest.json'), 'utf8')) as { fixtures: Expected[] }).fixtures;
}

/** Every Markdown file under the fixture folder, relative, `/`-separated, sorted. */
export function fixtureFiles(dir = REAL_WORLD, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...fixtureFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.md')) files.push(rel);
  }
  return files.sort();
}

export function readFixture(file: string): string {
  return readFileSync(path.join(REAL_WORLD, file), 'utf8');
}

let template: ReturnType<typeof templatePlaceholders> | undefined;

/** What the core makes of a fixture: detection, counts, phases, and `check`'s codes with the bundled template. */
export function evaluate(file: string): Actual {
  template ??= templatePlaceholders(readFileSync(BUNDLED_TEMPLATE, 'utf8'));
  const text = readFixture(file);
  const model = parsePlan({ text, uri: file });
  const current = model.phases[model.currentPhase];
  return {
    plan: model.isPlan,
    kind: model.kind,
    tasks: model.tasks.length,
    done: model.progress.done,
    phases: model.phases.length,
    currentPhase: current ? current.label : null,
    findings: model.isPlan ? [...new Set(checkPlan(model, text, { template }).map((f) => f.code))].sort() : [],
    model,
    text,
  };
}
