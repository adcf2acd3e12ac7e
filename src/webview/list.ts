/**
 * The list of plan cards: which plans pass the filter, the batches it grows by as it is scrolled,
 * cards reused while their plan is the same object, and focus kept across a re-render.
 */
import type { DashboardModel, DashboardPlan } from '../shared/protocol';
import { planCard } from './card';
import { button, el, icon, reconcile } from './dom';
import { requestNewPlan } from './messaging';
import { BATCH, isBusy, state } from './state';

function visiblePlans(m: DashboardModel): readonly DashboardPlan[] {
  const words = state.view.filter.toLowerCase().split(/\s+/).filter(Boolean);
  return m.plans.filter((plan) => {
    if (state.view.hideCompleted && plan.completed) return false;
    const haystack = `${plan.title} ${plan.path} ${plan.statusLabel}`.toLowerCase();
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
    button({ class: 'primary', 'data-key': 'newPlan' }, () => requestNewPlan(), icon('new-file'), 'New Plan'),
  );
}

function cardFor(plan: DashboardPlan): HTMLElement {
  const busy = plan.nextTask ? isBusy(`${plan.uri}#L${plan.nextTask.line}`) : false;
  const cached = state.cards.get(plan.uri);
  if (cached && cached.plan === plan && cached.busy === busy) return cached.element;
  const element = planCard(plan);
  state.cards.set(plan.uri, { plan, busy, element });
  return element;
}

/** Forgets the cards of plans the model no longer has. */
export function forgetCards(): void {
  for (const uri of state.cards.keys()) if (!state.plansByUri.has(uri)) state.cards.delete(uri);
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

function restoreFocus(host: HTMLElement, key: string | undefined): void {
  if (!key || !document.hasFocus()) return;
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.isConnected && active.dataset.key === key) return; // kept
  for (const candidate of host.querySelectorAll<HTMLElement>('[data-key]')) {
    if (candidate.dataset.key === key) {
      candidate.focus({ preventScroll: true });
      return;
    }
  }
}

export interface PlanList {
  readonly element: HTMLElement;
  /** Shows the model's plans that pass the filter, as far as the list has grown. */
  render(): void;
  /** The filter changed: the list starts again from its first batch. */
  refilter(): void;
  /** Adds the next batch of cards; false when every plan that passes the filter is shown. */
  showMore(): boolean;
}

/** The list; `onShowAll` runs when "Show all plans" clears the filter. */
export function createPlanList(onShowAll: () => void): PlanList {
  const listHost = el('div', { class: 'list' });
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

  function showMore(): boolean {
    const total = state.model ? visiblePlans(state.model).length : 0;
    if (state.shownLimit >= total) return false;
    state.shownLimit += BATCH;
    render();
    // The observer only reports a change: when the new batch leaves "Show more" within reach
    // (the browser keeps it in view as the cards go in above it), observing it again reports it
    // at once, and the next batch follows.
    moreObserver.unobserve(moreItem);
    moreObserver.observe(moreItem);
    return true;
  }

  function refilter(): void {
    state.shownLimit = BATCH;
    render();
  }

  function render(): void {
    const model = state.model;
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
        button({ class: 'secondary', 'data-key': 'clearFilter' }, onShowAll, icon('clear-all'), 'Show all plans'),
      );
    } else {
      const shown = plans.slice(0, state.shownLimit);
      const items: Node[] = shown.map(cardFor);
      if (plans.length > shown.length) {
        moreCount.textContent = `Showing ${shown.length} of ${plans.length} plans`;
        items.push(moreItem);
      }
      reconcile(planList, items);
      content = planList;
    }
    if (listHost.firstChild !== content || listHost.childNodes.length !== 1) listHost.replaceChildren(content);
    restoreFocus(listHost, key);
  }

  return { element: listHost, render, refilter, showMore };
}
