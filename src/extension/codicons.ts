/**
 * Codicons in labels (`$(check)`): the one place that keeps plan text from turning into icons, and
 * the icon of each task state (its word is core's `TASK_STATE_WORDS`). Pure (no `vscode`), so the
 * dashboard model uses it too.
 */
import type { TaskState } from '../core';

/** The codicon of each task state, in the tree, the quick picks, the status bar and the dashboard. */
export const TASK_STATE_ICONS: Readonly<Record<TaskState, string>> = Object.freeze({
  done: 'pass-filled',
  inProgress: 'play-circle',
  open: 'circle-large-outline',
  skipped: 'circle-slash',
});

/** Plan text must not turn into icons: `$(` is written `\$(` (labels, CodeLens titles, status bar texts). */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
