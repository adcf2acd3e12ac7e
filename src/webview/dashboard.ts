/**
 * The Plan Dashboard page (runs in the webview's browser frame, bundled to dist/webview/dashboard.js).
 *
 * It receives the model from the host as JSON and builds the DOM with `createElement` and text
 * nodes only: plan-derived strings are never parsed as HTML (no innerHTML anywhere). Clicks are
 * sent back as typed messages; the host validates them before acting. The filter, the "hide
 * completed" switch and the scroll position are kept with `setState`, so they survive the panel
 * being hidden, the window reloading, and the panel serializer restoring it.
 *
 * Built for workspaces with thousands of plans: after the first model the host sends only the
 * plans that changed (`update`); a plan card is built once and reused while its plan is the same
 * object; and the list grows in batches as it is scrolled, so the page never builds the DOM of
 * 2,000 cards at once.
 */
import type {
  DashboardModel,
  DashboardPhase,
  DashboardPlan,
  DashboardTask,
  DashboardUpdate,
  DashboardViewState,
  HostMessage,
  Progress,
  StatusKind,
  TaskState,
  WebviewMessage,
} from '../shared/protocol';
import { applyDashboardUpdate } from '../shared/dashboardUpdate';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: DashboardViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

const DEFAULT_STATE: DashboardViewState = { filter: '', hideCompleted: false, scrollY: 0 };

function restoreState(): DashboardViewState {
  const saved = vscode.getState();
  if (typeof saved !== 'object' || saved === null) return DEFAULT_STATE;
  const s = saved as Partial<Record<keyof DashboardViewState, unknown>>;
  return {
    filter: typeof s.filter === 'string' ? s.filter : DEFAULT_STATE.filter,
    hideCompleted: typeof s.hideCompleted === 'boolean' ? s.hideCompleted : DEFAULT_STATE.hideCompleted,
    scrollY: typeof s.scrollY === 'number' && Number.isFinite(s.scrollY) ? s.scrollY : DEFAULT_STATE.scrollY,
  };
}

let viewState = restoreState();
let model: DashboardModel | undefined;
/** The plans of `model` by URI: what an `update` applies to. */
let plansByUri = new Map<string, DashboardPlan>();
let scrollRestored = false;
let nextRequestId = 1;
/** Tick requests waiting for the host's answer, by request id: the task's key. */
const pendingTicks = new Map<number, string>();

function isBusy(taskKey: string): boolean {
  for (const key of pendingTicks.values()) if (key === taskKey) return true;
  return false;
}

function saveState(patch: Partial<DashboardViewState>): void {
  viewState = { ...viewState, ...patch };
  vscode.setState(viewState);
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: text goes in as text nodes, attributes through setAttribute.

type Child = Node | string | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (name === 'class') element.className = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(child); // a string becomes a text node
  }
  return element;
}

function icon(name: string, extra = ''): HTMLElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

function button(attrs: Readonly<Record<string, string | undefined>>, onClick: () => void, ...children: Child[]): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, ...children);
  b.addEventListener('click', onClick);
  return b;
}

function percent(p: Progress): number {
  return p.total === 0 ? 0 : Math.floor((p.done * 100) / p.total);
}

// ---------------------------------------------------------------------------------------------
// Pieces

const STATUS_ICONS: Record<StatusKind, string> = {
  planning: 'circle-large-outline',
  inProgress: 'play-circle',
  completed: 'pass-filled',
  other: 'question',
  none: 'dash',
};

const STATE_ICONS: Record<TaskState, string> = {
  done: 'pass-filled',
  inProgress: 'play-circle',
  open: 'circle-large-outline',
  skipped: 'circle-slash',
};

const STATE_NAMES: Record<TaskState, string> = {
  done: 'done',
  inProgress: 'in progress',
  open: 'open',
  skipped: 'skipped',
};

function describeProgress(p: Progress): string {
  const parts = [`${p.done} done`];
  if (p.inProgress > 0) parts.push(`${p.inProgress} in progress`);
  parts.push(`${p.open} open`);
  if (p.skipped > 0) parts.push(`${p.skipped} skipped`);
  return parts.join(', ');
}

/**
 * A segmented rail: done, in progress, open, skipped, each as wide as its count. A phase with no
 * tasks of its own shows one segment in the phase's state.
 */
function rail(progress: Progress, state: TaskState, label: string, withSkipped = true): HTMLElement {
  const r = el('div', { class: 'rail', role: 'img', 'aria-label': label, title: label });
  const counts: [TaskState, number][] = [
    ['done', progress.done],
    ['inProgress', progress.inProgress],
    ['open', progress.open],
    ['skipped', withSkipped ? progress.skipped : 0],
  ];
  if (counts.every(([, n]) => n === 0)) counts.splice(0, counts.length, [state, 1]);
  for (const [kind, n] of counts) {
    if (n === 0) continue;
    const segment = el('span', { class: `segment segment-${kind}` });
    segment.style.flexGrow = String(n); // CSSOM, not a style attribute: allowed by the CSP
    r.append(segment);
  }
  return r;
}

function meta(plan: DashboardPlan): HTMLElement | undefined {
  const items: [string, string, string | undefined][] = [
    ['calendar', 'Created', plan.created],
    ['person', 'Planner', plan.planner],
    ['tools', 'Implementer', plan.implementer],
  ];
  const shown = items.filter(([, , v]) => v !== undefined);
  if (shown.length === 0) return undefined;
  return el(
    'dl',
    { class: 'meta' },
    ...shown.map(([name, label, value]) => el('div', { class: 'meta-item' }, el('dt', {}, icon(name), label), el('dd', {}, value ?? ''))),
  );
}

function open(uri: string, line: number): void {
  vscode.postMessage({ type: 'openLocation', uri, line });
}

function phaseRow(plan: DashboardPlan, phase: DashboardPhase, index: number): HTMLElement {
  const { progress } = phase;
  const counted = progress.total > 0 ? `${progress.done}/${progress.total}` : STATE_NAMES[phase.state];
  const label = `${phase.label}: ${STATE_NAMES[phase.state]}${progress.total + progress.skipped > 0 ? `, ${describeProgress(progress)}` : ''}`;
  return el(
    'li',
    { class: `phase state-${phase.state}${phase.current ? ' current' : ''}`, 'aria-current': phase.current ? 'step' : undefined },
    button(
      { class: 'phase-link', 'data-key': `${plan.uri}#phase${index}`, title: `Open ${phase.label} (line ${phase.line + 1})` },
      () => open(plan.uri, phase.line),
      icon(STATE_ICONS[phase.state], 'phase-icon'),
      el(
        'span',
        // Clamped to three lines by the stylesheet; the whole label on hover.
        { class: 'phase-text', title: phase.label },
        el('span', { class: 'phase-label' }, phase.label),
        phase.current ? el('span', { class: 'current-tag' }, 'current') : undefined,
      ),
    ),
    rail(progress, phase.state, label),
    el('span', { class: 'phase-count' }, counted),
  );
}

/**
 * "Tick next task". While the host works on a request the button is only marked busy
 * (aria-disabled), not disabled, so it keeps keyboard focus for the next press.
 */
function tickButton(plan: DashboardPlan, task: DashboardTask): HTMLElement {
  const taskKey = `${plan.uri}#L${task.line}`;
  const busy = (): boolean => isBusy(taskKey);
  const b = button(
    {
      class: 'tick',
      'data-key': `${plan.uri}#tick`,
      title: `Mark done: ${task.text}`,
      'aria-label': `Tick next task of ${plan.title}: ${task.text}`,
      'aria-disabled': busy() ? 'true' : undefined,
    },
    () => {
      if (busy()) return;
      const requestId = nextRequestId++;
      pendingTicks.set(requestId, taskKey);
      b.setAttribute('aria-disabled', 'true');
      markCardBusy(plan.uri);
      vscode.postMessage({ type: 'tickTask', requestId, uri: plan.uri, line: task.line, mark: task.mark, text: task.text });
    },
    icon('check'),
    'Tick next task',
  );
  return b;
}

function planCard(plan: DashboardPlan): HTMLElement {
  const p = percent(plan.progress);
  const status = plan.status ?? 'No status';
  const next = plan.nextTask;
  const overallLabel = `Overall: ${plan.progress.done} of ${plan.progress.total} tasks done (${p}%); ${describeProgress(plan.progress)}`;
  const bar = rail(plan.progress, plan.progress.total > 0 && plan.progress.done === plan.progress.total ? 'done' : 'open', overallLabel, false);
  bar.classList.add('overall-rail');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(p));

  return el(
    'li',
    { class: `plan status-${plan.statusKind}`, 'data-uri': plan.uri },
    el(
      'div',
      { class: 'plan-head' },
      el('h2', { class: 'plan-title' },
        button(
          { class: 'plan-link', 'data-key': `${plan.uri}#title`, title: `Open ${plan.path}` },
          () => open(plan.uri, plan.titleLine),
          icon(STATUS_ICONS[plan.statusKind], 'status-icon'),
          // Clamped to three lines by the stylesheet; the whole title on hover.
          el('span', { class: 'plan-title-text', title: plan.title }, plan.title),
        ),
      ),
      el('span', { class: `badge badge-${plan.statusKind}`, title: status }, status),
    ),
    el('div', { class: 'plan-path', title: plan.path }, plan.path, plan.unsaved ? el('span', { class: 'unsaved', title: 'Unsaved changes' }, ' ● unsaved') : undefined),
    meta(plan),
    el('div', { class: 'overall' }, bar, el('span', { class: 'overall-figure' }, `${plan.progress.done}/${plan.progress.total} · ${p}%`)),
    plan.phases.length > 0
      ? el('ol', { class: 'phases', 'aria-label': `Phases of ${plan.title}` }, ...plan.phases.map((phase, i) => phaseRow(plan, phase, i)))
      : el('p', { class: 'muted no-phases' }, 'No phases'),
    next
      ? el(
          'div',
          { class: 'next' },
          tickButton(plan, next),
          button(
            { class: 'next-task link', 'data-key': `${plan.uri}#next`, title: `Open line ${next.line + 1}` },
            () => open(plan.uri, next.line),
            el('span', { class: 'next-label' }, next.state === 'inProgress' ? 'In progress: ' : 'Next: '),
            el('span', { class: 'next-text', title: next.text }, next.text),
          ),
        )
      : el('div', { class: 'next all-done' }, icon('pass', 'all-done-icon'), 'All tasks done'),
  );
}

function summary(m: DashboardModel): HTMLElement {
  const { tasks } = m.summary;
  const figures = el(
    'div',
    { class: 'figures' },
    el('div', { class: 'figure' }, el('span', { class: 'figure-value' }, String(m.summary.plans)), el('span', { class: 'figure-label' }, m.summary.plans === 1 ? 'plan' : 'plans')),
    ...m.summary.byStatus.map((s) =>
      el(
        'div',
        { class: `figure figure-status status-${s.statusKind}` },
        el('span', { class: 'figure-value' }, icon(STATUS_ICONS[s.statusKind], 'status-icon'), String(s.count)),
        el('span', { class: 'figure-label', title: s.status ?? 'No status' }, s.status ?? 'No status'),
      ),
    ),
    el(
      'div',
      { class: 'figure figure-tasks' },
      el('span', { class: 'figure-value' }, `${tasks.done}/${tasks.total}`),
      el('span', { class: 'figure-label' }, `tasks done · ${percent(tasks)}%`),
    ),
  );
  return el('section', { class: 'summary', 'aria-label': 'Summary' }, figures);
}

/** The filter box and the "hide completed" switch: built once, so typing never loses focus or caret. */
function toolbar(): { element: HTMLElement; sync(): void } {
  const search = el('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter plans',
    'aria-label': 'Filter plans by title, path or status',
    spellcheck: 'false',
  });
  search.addEventListener('input', () => {
    saveState({ filter: search.value });
    refilter();
  });
  const hide = el('input', { type: 'checkbox', id: 'hide-completed' });
  hide.addEventListener('change', () => {
    saveState({ hideCompleted: hide.checked });
    refilter();
  });
  const sync = (): void => {
    search.value = viewState.filter;
    hide.checked = viewState.hideCompleted;
  };
  sync();
  return {
    element: el(
      'div',
      { class: 'toolbar' },
      el('span', { class: 'filter-box' }, icon('search', 'filter-icon'), search),
      el('label', { class: 'toggle', for: 'hide-completed' }, hide, 'Hide completed'),
    ),
    sync,
  };
}

function isCompleted(plan: DashboardPlan): boolean {
  return plan.statusKind === 'completed' || (plan.progress.total > 0 && plan.progress.done === plan.progress.total);
}

function visiblePlans(m: DashboardModel): readonly DashboardPlan[] {
  const words = viewState.filter.toLowerCase().split(/\s+/).filter(Boolean);
  return m.plans.filter((plan) => {
    if (viewState.hideCompleted && isCompleted(plan)) return false;
    const haystack = `${plan.title} ${plan.path} ${plan.status ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

function emptyState(m: DashboardModel): HTMLElement {
  if (m.scanning) {
    return el('div', { class: 'empty' }, icon('loading', 'codicon-modifier-spin'), el('p', {}, 'Looking for plans…'));
  }
  if (!m.hasWorkspace) {
    return el('div', { class: 'empty' }, icon('folder'), el('p', {}, 'Open a folder to see the plans in it.'));
  }
  return el(
    'div',
    { class: 'empty' },
    icon('checklist', 'empty-icon'),
    el('h2', {}, 'No plans in this workspace yet'),
    el(
      'p',
      {},
      'A plan is a Markdown file with a "Status Tracking" section, or with a "Status:" line in its header and "Phase N" or "Step N" headings.',
    ),
    button({ class: 'primary', 'data-key': 'newPlan' }, () => vscode.postMessage({ type: 'newPlan' }), icon('new-file'), 'New Plan'),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering

// The page's shell is built once; a new model replaces the summary and updates the list.
const tools = toolbar();
const summaryHost = el('div', { class: 'summary-host' });
const notice = el('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
const listHost = el('div', { class: 'list' });
app.replaceChildren(el('header', { class: 'top' }, el('h1', {}, icon('checklist'), 'Plans'), tools.element), summaryHost, notice, listHost);
tools.element.hidden = true;

/** Cards added to the list at a time, first and on each scroll to its end. */
const BATCH = 50;
/** How many of the plans that pass the filter the list shows (grows by BATCH). */
let shownLimit = BATCH;

const planList = el('ul', { class: 'plans', 'aria-label': 'Plans' });
const moreCount = el('span', { class: 'more-count' });
const moreItem = el(
  'li',
  { class: 'more' },
  moreCount,
  button({ class: 'secondary', 'data-key': 'showMore' }, () => showMore(), icon('fold-down'), 'Show more'),
);
// The next batch is added before the end of the list comes into view.
const moreObserver = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting)) showMore();
  },
  { rootMargin: '0px 0px 1200px 0px' },
);
moreObserver.observe(moreItem);

/** Adds the next batch of cards; false when every plan that passes the filter is shown. */
function showMore(): boolean {
  const total = model ? visiblePlans(model).length : 0;
  if (shownLimit >= total) return false;
  shownLimit += BATCH;
  renderPlans();
  return true;
}

/** The filter changed: the list starts again from its first batch. */
function refilter(): void {
  shownLimit = BATCH;
  renderPlans();
}

/** A built card, reused while its plan (the same object from the host) and busy state stay. */
interface Card {
  readonly plan: DashboardPlan;
  readonly busy: boolean;
  readonly element: HTMLElement;
}
const cards = new Map<string, Card>();

/** The card now shows a busy button: rebuild it when it no longer is. */
function markCardBusy(uri: string): void {
  const card = cards.get(uri);
  if (card) cards.set(uri, { ...card, busy: true });
}

function cardFor(plan: DashboardPlan): HTMLElement {
  const busy = plan.nextTask ? isBusy(`${plan.uri}#L${plan.nextTask.line}`) : false;
  const cached = cards.get(plan.uri);
  if (cached && cached.plan === plan && cached.busy === busy) return cached.element;
  const element = planCard(plan);
  cards.set(plan.uri, { plan, busy, element });
  return element;
}

/** Makes `parent`'s children exactly `wanted`, in order, moving only what is out of place. */
function reconcile(parent: HTMLElement, wanted: readonly Node[]): void {
  let cursor = parent.firstChild;
  for (const node of wanted) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
      continue;
    }
    parent.insertBefore(node, cursor);
  }
  while (cursor) {
    const next: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}

/**
 * The key of the focused element, so focus survives a re-render (keyboard users tick one task
 * after another). Only while the page has focus: a model arriving while the user types in an
 * editor must not pull focus into the webview.
 */
function focusedKey(): string | undefined {
  if (!document.hasFocus()) return undefined;
  const active = document.activeElement;
  return active instanceof HTMLElement ? (active.dataset.key ?? undefined) : undefined;
}

function restoreFocus(key: string | undefined): void {
  if (!key || !document.hasFocus()) return;
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.isConnected && active.dataset.key === key) return; // kept
  for (const candidate of listHost.querySelectorAll<HTMLElement>('[data-key]')) {
    if (candidate.dataset.key === key) {
      candidate.focus({ preventScroll: true });
      return;
    }
  }
}

function renderPlans(): void {
  if (!model) return;
  const key = focusedKey();
  const plans = visiblePlans(model);
  let content: HTMLElement;
  if (model.plans.length === 0) {
    content = emptyState(model);
  } else if (plans.length === 0) {
    content = el(
      'div',
      { class: 'empty' },
      el('p', {}, 'No plans match the filter.'),
      button(
        { class: 'secondary', 'data-key': 'clearFilter' },
        () => {
          saveState({ filter: '', hideCompleted: false });
          tools.sync();
          refilter();
        },
        icon('clear-all'),
        'Show all plans',
      ),
    );
  } else {
    const shown = plans.slice(0, shownLimit);
    const items: Node[] = shown.map(cardFor);
    if (plans.length > shown.length) {
      moreCount.textContent = `Showing ${shown.length} of ${plans.length} plans`;
      items.push(moreItem);
    }
    reconcile(planList, items);
    content = planList;
  }
  if (listHost.firstChild !== content || listHost.childNodes.length !== 1) listHost.replaceChildren(content);
  restoreFocus(key);
}

function forgetCards(): void {
  for (const uri of cards.keys()) if (!plansByUri.has(uri)) cards.delete(uri);
}

function render(): void {
  if (!model) return;
  const hasPlans = model.plans.length > 0;
  tools.element.hidden = !hasPlans;
  summaryHost.replaceChildren(...(hasPlans ? [summary(model)] : []));
  app.setAttribute('aria-busy', model.scanning ? 'true' : 'false');
  renderPlans();
  if (!scrollRestored && !model.scanning) {
    scrollRestored = true;
    // Show enough cards to reach the saved position, then go there.
    while (document.documentElement.scrollHeight < viewState.scrollY + window.innerHeight) {
      if (!showMore()) break;
    }
    window.scrollTo(0, viewState.scrollY);
  }
}

function setModel(next: DashboardModel): void {
  model = next;
  plansByUri = new Map(next.plans.map((p) => [p.uri, p]));
  forgetCards();
  render();
}

function applyUpdate(update: DashboardUpdate): void {
  const next = applyDashboardUpdate(plansByUri, update);
  if (next) setModel(next);
  else vscode.postMessage({ type: 'ready' }); // a plan this page never had: ask for the whole model
}

function onMessage(message: HostMessage): void {
  switch (message.type) {
    case 'model':
      setModel(message.model);
      break;
    case 'update':
      applyUpdate(message.update);
      break;
    case 'tickResult':
      pendingTicks.delete(message.requestId);
      notice.textContent = message.message;
      notice.classList.toggle('error', !message.ok);
      if (!message.ok) renderPlans(); // the button is no longer busy
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
  onMessage(data as HostMessage);
});

let scrollScheduled = false;
window.addEventListener(
  'scroll',
  () => {
    if (scrollScheduled) return;
    scrollScheduled = true;
    requestAnimationFrame(() => {
      scrollScheduled = false;
      if (scrollRestored) saveState({ scrollY: Math.round(window.scrollY) });
    });
  },
  { passive: true },
);

vscode.setState(viewState);
vscode.postMessage({ type: 'ready' });
