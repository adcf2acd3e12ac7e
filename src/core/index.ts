/**
 * Plan Tracker's core: parse → model → progress → text edits. Pure TypeScript: no `vscode`,
 * no Node built-ins (lint-enforced), so the same code serves the extension host, the CLI and tests.
 */
export * from './types';
export { parsePlan } from './parse';
export { isPlanDocument, PLAN_DETECTION_RULE } from './detect';
export { emptyProgress, percent } from './progress';
export {
  setTaskStateEdit,
  toggleTaskEdit,
  setStatusEdit,
  markPhaseDoneEdit,
  appendNoteEdit,
  type TaskRef,
  type MarkPhaseDoneOptions,
} from './edits';
export { fillTemplate, slugify, formatDate, type TemplateVars } from './template';
export { applyEdits, detectEol, splitLines } from './text';
export { checkPlan, findPlaceholders, type Finding, type FindingCode, type Placeholder, type Severity, type CheckOptions } from './check';
export { normalizeName } from './parse';
