/**
 * `plan-tracker check --format github`: each finding as a GitHub Actions workflow command
 * (`::error file=…,line=…,col=…,title=…::message`), so it shows on the pull request's diff.
 * Errors are `error`, warnings `warning`, information `notice`. Escaping follows the runner's
 * rules: in the message `%`, CR and LF are percent-encoded; in a property also `:` and `,`.
 * Other control characters from the plan are shown as escapes, as in the text output.
 */
import type { Finding, Severity } from '../core';
import { terminalSafe } from './terminalText';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return terminalSafe(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation. `file` is the plan's path as shown (relative to the folder `check` ran in: the repository root in a workflow). */
export function annotation(file: string, f: Finding): string {
  const props = [`file=${escapeProperty(file.split('\\').join('/'))}`, `line=${f.line + 1}`, `col=${f.start + 1}`];
  // endColumn is the last column (1-based, inclusive): the finding's exclusive 0-based end.
  if (f.end > f.start) props.push(`endColumn=${f.end}`);
  props.push(`title=${escapeProperty(`plan-tracker ${f.code}`)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

/** A problem that is not about a line of a plan (a file that could not be read). */
export function fileAnnotation(file: string, message: string): string {
  return `::error file=${escapeProperty(file.split('\\').join('/'))},title=${escapeProperty('plan-tracker')}::${escapeData(message)}`;
}
