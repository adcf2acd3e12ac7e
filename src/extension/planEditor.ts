/**
 * The one edit path: every command, the Plans tree, the dashboard and the agent tools change a
 * plan through `PlanEditor`. One edit is always the same three steps:
 *
 * 1. the plan's parse options (its folder's task marks), read when the edit is made;
 * 2. the core edit computed from the plan's text as it is when its turn comes, applied by the one
 *    adapter (`applyPlanEdit` in planEdits.ts: one writer per plan, open plans through a
 *    WorkspaceEdit, closed ones atomically on disk);
 * 3. the plan index settled, so every view shows the result when the edit resolves.
 *
 * No `vscode` here: the three steps are handed in (`PlanEditorPorts`), so the path is unit-tested
 * with the real plan index over an in-memory workspace; planEdits.ts wires the VS Code ones.
 */
import { setTaskStateEdit, toggleTaskEdit, type EditResult, type ParseOptions, type TaskRef, type TaskState } from '../core';

export type ApplyOutcome = { readonly applied: true; readonly changed: boolean } | { readonly applied: false; readonly reason: string };

export interface ApplyOptions {
  /** The undo stack's label for an edit to an open plan. */
  readonly label?: string;
  /** Return refusals and failures without showing them. */
  readonly quiet?: boolean;
}

export interface EditOptions extends ApplyOptions {
  /**
   * When the index is settled: `wait` (the default) before the edit resolves; `background` in the
   * background (a caller that answers first, then lets the views catch up).
   */
  readonly settle?: 'wait' | 'background';
  /** Called with the outcome once the edit is applied (or refused), before the index is settled: an answer that need not wait for the views. */
  readonly beforeSettle?: (outcome: ApplyOutcome) => void;
}

/** A core edit of a plan's text, with the plan's parse options. */
export type PlanEdit = (text: string, options: ParseOptions) => EditResult;

/** What the editor needs from the workspace: options, the apply adapter, the index. */
export interface PlanEditorPorts<U> {
  /** The parse options of the plan at `uri` (its folder's task marks). */
  parseOptionsFor(uri: U): ParseOptions;
  /** Applies `compute(current text)` to the plan, after every edit queued before it for the plan. */
  apply(uri: U, compute: (text: string) => EditResult, options: ApplyOptions): Promise<ApplyOutcome>;
  /** Lets the plan index process pending changes now. */
  settle(): Promise<void>;
  /** The undo stack's label for setting a task's state (`Tick Task`, …). */
  taskLabel?(state: TaskState | 'toggle'): string;
}

/** A task as the caller last saw it: the edit is refused if the line no longer holds it. */
export interface TaskTarget<U> extends TaskRef {
  readonly uri: U;
}

export class PlanEditor<U> {
  constructor(private readonly ports: PlanEditorPorts<U>) {}

  /** Applies `edit` to the plan at `uri` and settles the index (see `EditOptions.settle`). */
  async edit(uri: U, edit: PlanEdit, options: EditOptions = {}): Promise<ApplyOutcome> {
    const parseOptions = this.ports.parseOptionsFor(uri);
    const { settle = 'wait', beforeSettle, ...apply } = options;
    const outcome = await this.ports.apply(uri, (text) => edit(text, parseOptions), apply);
    beforeSettle?.(outcome);
    if (settle === 'wait') await this.ports.settle();
    else void this.ports.settle();
    return outcome;
  }

  /** Sets one task's state (`toggle`: done → open, anything else → done). */
  setTaskState(target: TaskTarget<U>, state: TaskState | 'toggle', options: EditOptions = {}): Promise<ApplyOutcome> {
    const { uri, ...ref } = target;
    return this.edit(uri, (text, parse) => (state === 'toggle' ? toggleTaskEdit(text, ref, parse) : setTaskStateEdit(text, ref, state, parse)), {
      label: this.ports.taskLabel?.(state),
      ...options,
    });
  }
}
