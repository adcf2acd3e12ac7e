/**
 * The page's state, in one object: what the view keeps with `setState` (filter, "hide completed",
 * scroll), the model the host sent, the tick requests in flight and the cards already built.
 */
import type { DashboardModel, DashboardPlan, DashboardViewState, WebviewMessage } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: DashboardViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's channel to the host (acquired once per page). */
export const host = acquireVsCodeApi();

const DEFAULT_STATE: DashboardViewState = { filter: '', hideCompleted: false, scrollY: 0 };

function restoreState(): DashboardViewState {
  const saved = host.getState();
  if (typeof saved !== 'object' || saved === null) return DEFAULT_STATE;
  const s = saved as Partial<Record<keyof DashboardViewState, unknown>>;
  return {
    filter: typeof s.filter === 'string' ? s.filter : DEFAULT_STATE.filter,
    hideCompleted: typeof s.hideCompleted === 'boolean' ? s.hideCompleted : DEFAULT_STATE.hideCompleted,
    scrollY: typeof s.scrollY === 'number' && Number.isFinite(s.scrollY) ? s.scrollY : DEFAULT_STATE.scrollY,
  };
}

/** Cards added to the list at a time, first and on each scroll to its end. */
export const BATCH = 50;

/** A built card, reused while its plan (the same object from the host) and busy state stay. */
export interface Card {
  readonly plan: DashboardPlan;
  readonly busy: boolean;
  readonly element: HTMLElement;
}

export interface PageState {
  /** What survives a reload (kept with `setState`). */
  view: DashboardViewState;
  model: DashboardModel | undefined;
  /** The plans of `model` by URI: what an `update` applies to. */
  plansByUri: Map<string, DashboardPlan>;
  scrollRestored: boolean;
  /** A scroll position save is waiting for the next frame. */
  scrollScheduled: boolean;
  nextRequestId: number;
  /** Tick requests waiting for the host's answer, by request id: the task's key. */
  readonly pendingTicks: Map<number, string>;
  /** How many of the plans that pass the filter the list shows (grows by BATCH). */
  shownLimit: number;
  /** Built cards by plan URI. */
  readonly cards: Map<string, Card>;
}

export const state: PageState = {
  view: restoreState(),
  model: undefined,
  plansByUri: new Map(),
  scrollRestored: false,
  scrollScheduled: false,
  nextRequestId: 1,
  pendingTicks: new Map(),
  shownLimit: BATCH,
  cards: new Map(),
};

export function isBusy(taskKey: string): boolean {
  for (const key of state.pendingTicks.values()) if (key === taskKey) return true;
  return false;
}

export function saveState(patch: Partial<DashboardViewState>): void {
  state.view = { ...state.view, ...patch };
  host.setState(state.view);
}

/** The card now shows a busy button: rebuild it when it no longer is. */
export function markCardBusy(uri: string): void {
  const card = state.cards.get(uri);
  if (card) state.cards.set(uri, { ...card, busy: true });
}
