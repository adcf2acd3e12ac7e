/**
 * npm run eval:fixtures — how the core does on the real-world fixtures against their manifest:
 * detection precision and recall, current-phase accuracy, and false (or missed) findings per file.
 * Exits 1 when any fixture is wrong.
 */
import { evaluate, loadManifest } from '../test/unit/support/realWorld';

const manifest = loadManifest();
let truePos = 0;
let falsePos = 0;
let falseNeg = 0;
let phaseRight = 0;
let phaseTotal = 0;
let wrongFiles = 0;
const rows: string[] = [];

for (const expected of manifest) {
  const actual = evaluate(expected.file);
  const problems: string[] = [];
  if (actual.plan && expected.plan) truePos++;
  else if (actual.plan) {
    falsePos++;
    problems.push(`taken for a plan (${actual.kind})`);
  } else if (expected.plan) {
    falseNeg++;
    problems.push('missed');
  }
  if (expected.plan && actual.plan) {
    phaseTotal++;
    if (actual.currentPhase === expected.currentPhase) phaseRight++;
    else problems.push(`current phase ${JSON.stringify(actual.currentPhase)}, expected ${JSON.stringify(expected.currentPhase)}`);
    if (actual.kind !== expected.kind) problems.push(`kind ${actual.kind}, expected ${expected.kind}`);
    if (actual.tasks !== expected.tasks || actual.done !== expected.done) problems.push(`${actual.done}/${actual.tasks} done, expected ${expected.done}/${expected.tasks}`);
    if (actual.phases !== expected.phases) problems.push(`${actual.phases} phases, expected ${expected.phases}`);
  }
  const want = new Set<string>(expected.plan ? expected.findings : []);
  const falseFindings = actual.findings.filter((c) => !want.has(c));
  const missed = [...want].filter((c) => !(actual.findings as string[]).includes(c));
  if (falseFindings.length) problems.push(`false findings: ${falseFindings.join(', ')}`);
  if (missed.length) problems.push(`missed findings: ${missed.join(', ')}`);
  if (problems.length) wrongFiles++;
  rows.push(`${problems.length ? '✗' : '✓'} ${expected.file.padEnd(56)} ${String(falseFindings.length).padStart(2)} false finding(s)${problems.length ? `  ${problems.join('; ')}` : ''}`);
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const plans = manifest.filter((e) => e.plan).length;
console.log(rows.join('\n'));
console.log('');
console.log(`fixtures: ${manifest.length} (${plans} plans, ${manifest.length - plans} non-plans)`);
console.log(`detection precision: ${pct(truePos, truePos + falsePos)} (${falsePos} non-plan(s) taken for plans)`);
console.log(`detection recall:    ${pct(truePos, truePos + falseNeg)} (${falseNeg} plan(s) missed)`);
console.log(`current phase:       ${pct(phaseRight, phaseTotal)} right (${phaseRight}/${phaseTotal})`);
console.log(`files with anything wrong: ${wrongFiles}`);
process.exitCode = wrongFiles ? 1 : 0;
