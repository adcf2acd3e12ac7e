import * as vscode from 'vscode';
import type { Phase, TaskState } from '../core';

/** Words and icons for task and phase states, shared by the views and the quick picks. */
export function stateIcon(state: TaskState): string {
  switch (state) {
    case 'done':
      return '$(pass-filled)';
    case 'inProgress':
      return '$(play-circle)';
    case 'skipped':
      return '$(circle-slash)';
    default:
      return '$(circle-large-outline)';
  }
}

export function stateLabel(state: TaskState): string {
  switch (state) {
    case 'done':
      return vscode.l10n.t('done');
    case 'inProgress':
      return vscode.l10n.t('in progress');
    case 'skipped':
      return vscode.l10n.t('skipped');
    default:
      return vscode.l10n.t('open');
  }
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
