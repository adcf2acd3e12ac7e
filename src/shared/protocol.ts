/**
 * The typed protocol between the extension host and the dashboard webview.
 *
 * Both sides import it with `import type`: it is erased from both bundles. Every message is a
 * member of a discriminated union on `type`. What the webview sends is untrusted input (the page
 * renders plan text from the workspace): the host checks each message with
 * `parseWebviewMessage` (src/extension/views/dashboardProtocol.ts) before acting on it.
 *
 * Plan data travels as plain JSON (`postMessage`), never spliced into the page's HTML. The host
 * sends its answers (percent, "completed", state words, codicon names): the page draws them and
 * works out none of them itself.
 */
import type { Progress, TaskState } from '../core/types';

export type { Progress, TaskState };

/** Where a plan's status sits among `planTracker.statuses`: first, last, in between, other, none. */
export type StatusKind = 'planning' | 'inProgress' | 'completed' | 'other' | 'none';

/** A task the dashboard can tick: what the host checks against the file before editing. */
export interface DashboardTask {
  readonly line: number;
  readonly mark: string;
  readonly text: string;
  readonly state: TaskState;
  /** The task's `- Evidence:` item (what shows it is done), when it has one. */
  readonly evidence?: string;
}

export interface DashboardPhase {
  /** `Phase 2: Module Implementation`, `Quality Checks Passed`. */
  readonly label: string;
  readonly state: TaskState;
  /** The state in words: `in progress`. */
  readonly stateLabel: string;
  /** The state's codicon name: `play-circle`. */
  readonly icon: string;
  /** Tasks of the phase's section (the tracking item excluded). */
  readonly progress: Progress;
  /** The line to open: the phase's section heading, else its tracking item. */
  readonly line: number;
  readonly current: boolean;
  /** The evidence of the phase's Status Tracking item, when it has one. */
  readonly evidence?: string;
}

export interface DashboardPlan {
  /** The plan's URI, as `Uri.toString()`: how the webview names a plan back to the host. */
  readonly uri: string;
  /** Title, or the file name when the plan has none. */
  readonly title: string;
  readonly titleLine: number;
  /** Workspace-relative path (with the folder name in a multi-root workspace). */
  readonly path: string;
  readonly status?: string;
  /** What the status pill says: core's `statusLabel` (the status, else where the boxes stand for a kind without a header, else "No status"). */
  readonly statusLabel: string;
  readonly statusKind: StatusKind;
  /** The codicon name for `statusKind`. */
  readonly statusIcon: string;
  /** Core's `isCompleted`: what "Hide completed" hides, in the dashboard as in the Plans view. */
  readonly completed: boolean;
  readonly created?: string;
  readonly planner?: string;
  readonly implementer?: string;
  readonly progress: Progress;
  /** Core's `percent` of `progress`. */
  readonly percent: number;
  readonly phases: readonly DashboardPhase[];
  /** Index into `phases`, -1 when every phase is done or there are none. */
  readonly currentPhase: number;
  /** The task "Tick next task" ticks: the core's `nextTask`, as for `Mark Next Task Done` and the CodeLens. */
  readonly nextTask?: DashboardTask;
  /** Parsed from an open editor with unsaved changes. */
  readonly unsaved: boolean;
}

export interface StatusCount {
  /** The status as written, or undefined for plans without one. */
  readonly status?: string;
  readonly statusKind: StatusKind;
  /** The codicon name for `statusKind`. */
  readonly icon: string;
  readonly count: number;
}

export interface DashboardSummary {
  readonly plans: number;
  /** In the order of `planTracker.statuses`, then other statuses by name, then "no status". */
  readonly byStatus: readonly StatusCount[];
  /** All tasks of all plans. */
  readonly tasks: Progress;
  /** Core's `percent` of `tasks`. */
  readonly percent: number;
}

export interface DashboardModel {
  /** True until the plan index has finished its first scan. */
  readonly scanning: boolean;
  /** Whether a folder is open (the empty state differs). */
  readonly hasWorkspace: boolean;
  readonly plans: readonly DashboardPlan[];
  readonly summary: DashboardSummary;
}

/** A `DashboardModel` as a change to the previous one (see the `update` message). */
export interface DashboardUpdate {
  readonly scanning: boolean;
  readonly hasWorkspace: boolean;
  /** Every plan's URI, in the model's order; left out when the plans and their order did not change. */
  readonly order?: readonly string[];
  /** The plans that are new or differ from the previous model. */
  readonly changed: readonly DashboardPlan[];
  readonly summary: DashboardSummary;
}

// ---------------------------------------------------------------------------------------------
// Host → webview

export type HostMessage =
  /** The whole model: the answer to `ready`, and the first message to a page. */
  | { readonly type: 'model'; readonly model: DashboardModel }
  /**
   * What changed since the last `model` or `update`: the plans' new order (by URI) and the data
   * of the plans that are new or changed; the page keeps the others as it has them. A page that
   * does not know a URI in `order` (it was reloaded) asks for the whole model with `ready`.
   */
  | { readonly type: 'update'; readonly update: DashboardUpdate }
  | {
      /** The outcome of a `tickTask` request (on success a new model follows). */
      readonly type: 'tickResult';
      readonly requestId: number;
      readonly ok: boolean;
      readonly message: string;
    };

// ---------------------------------------------------------------------------------------------
// Webview → host

export type WebviewMessage =
  /** The page's script is running and needs the whole model (also sent to re-sync after an `update` it cannot apply). */
  | { readonly type: 'ready' }
  /** Open `uri` in an editor with the cursor on `line`. */
  | { readonly type: 'openLocation'; readonly uri: string; readonly line: number }
  /** Mark the task on `line` done, if it still reads `mark` and `text`. */
  | {
      readonly type: 'tickTask';
      readonly requestId: number;
      readonly uri: string;
      readonly line: number;
      readonly mark: string;
      readonly text: string;
    }
  /** Run New Plan (from the empty state). */
  | { readonly type: 'newPlan' };

export type WebviewMessageType = WebviewMessage['type'];

/** What the webview keeps with `setState` (restored across reloads and by the panel serializer). */
export interface DashboardViewState {
  readonly filter: string;
  readonly hideCompleted: boolean;
  readonly scrollY: number;
}
