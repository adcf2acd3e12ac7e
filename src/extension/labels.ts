import * as vscode from 'vscode';
import { TASK_STATE_WORDS, type Phase, type TaskState } from '../core';
import { TASK_STATE_ICONS } from './codicons';

/** Words and icons for task and phase states, shared by the views and the quick picks. */
export function stateIcon(state: TaskState): string {
  return `$(${TASK_STATE_ICONS[state]})`;
}

export function stateLabel(state: TaskState): string {
  return vscode.l10n.t(TASK_STATE_WORDS[state]);
}

/** `in progress, 1/2 tasks`. */
export function phaseDetail(phase: Phase): string {
  const tasks = phase.progress.total > 0 ? vscode.l10n.t(', {0}/{1} tasks', phase.progress.done, phase.progress.total) : '';
  return `${stateLabel(phase.state)}${tasks}`;
}

/** `Phase 2: Module Implementation — in progress, 1/2 tasks`. */
export function phaseLine(phase: Phase): string {
  return `${phase.label} — ${phaseDetail(phase)}`;
}
