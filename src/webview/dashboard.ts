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
import type { DashboardModel, DashboardUpdate, HostMessage } from '../shared/protocol';
import { applyDashboardUpdate } from '../shared/dashboardUpdate';
import { summary, toolbar } from './header';
import { el, icon } from './dom';
import { forgetCards, createPlanList } from './list';
import { onHostMessage, requestModel } from './messaging';
import { host, saveState, state } from './state';

const app = document.getElementById('app') as HTMLElement;

// The page's shell is built once; a new model replaces the summary and updates the list.
const list = createPlanList(() => {
  saveState({ filter: '', hideCompleted: false });
  tools.sync();
  list.refilter();
});
const tools = toolbar(() => list.refilter());
const summaryHost = el('div', { class: 'summary-host' });
const notice = el('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
app.replaceChildren(el('header', { class: 'top' }, el('h1', {}, icon('checklist'), 'Plans'), tools.element), summaryHost, notice, list.element);
tools.element.hidden = true;

function render(): void {
  const model = state.model;
  if (!model) return;
  const hasPlans = model.plans.length > 0;
  tools.element.hidden = !hasPlans;
  summaryHost.replaceChildren(...(hasPlans ? [summary(model)] : []));
  app.setAttribute('aria-busy', model.scanning ? 'true' : 'false');
  list.render();
  if (!state.scrollRestored && !model.scanning) {
    state.scrollRestored = true;
    // Show enough cards to reach the saved position, then go there.
    while (document.documentElement.scrollHeight < state.view.scrollY + window.innerHeight) {
      if (!list.showMore()) break;
    }
    window.scrollTo(0, state.view.scrollY);
  }
}

function setModel(next: DashboardModel): void {
  state.model = next;
  state.plansByUri = new Map(next.plans.map((p) => [p.uri, p]));
  forgetCards();
  render();
}

function applyUpdate(update: DashboardUpdate): void {
  const next = applyDashboardUpdate(state.plansByUri, update);
  if (next) setModel(next);
  else requestModel(); // a plan this page never had: ask for the whole model
}

onHostMessage((message: HostMessage) => {
  switch (message.type) {
    case 'model':
      setModel(message.model);
      break;
    case 'update':
      applyUpdate(message.update);
      break;
    case 'tickResult':
      state.pendingTicks.delete(message.requestId);
      notice.textContent = message.message;
      notice.classList.toggle('error', !message.ok);
      if (!message.ok) list.render(); // the button is no longer busy
      break;
  }
});

window.addEventListener(
  'scroll',
  () => {
    if (state.scrollScheduled) return;
    state.scrollScheduled = true;
    requestAnimationFrame(() => {
      state.scrollScheduled = false;
      if (state.scrollRestored) saveState({ scrollY: Math.round(window.scrollY) });
    });
  },
  { passive: true },
);

host.setState(state.view);
requestModel();
