/** The top of the page: the summary figures, the filter box and the "hide completed" switch. */
import type { DashboardModel } from '../shared/protocol';
import { el, icon } from './dom';
import { saveState, state } from './state';

export function summary(m: DashboardModel): HTMLElement {
  const { tasks } = m.summary;
  const figures = el(
    'div',
    { class: 'figures' },
    el('div', { class: 'figure' }, el('span', { class: 'figure-value' }, String(m.summary.plans)), el('span', { class: 'figure-label' }, m.summary.plans === 1 ? 'plan' : 'plans')),
    ...m.summary.byStatus.map((s) =>
      el(
        'div',
        { class: `figure figure-status status-${s.statusKind}` },
        el('span', { class: 'figure-value' }, icon(s.icon, 'status-icon'), String(s.count)),
        el('span', { class: 'figure-label', title: s.status ?? 'No status' }, s.status ?? 'No status'),
      ),
    ),
    el(
      'div',
      { class: 'figure figure-tasks' },
      el('span', { class: 'figure-value' }, `${tasks.done}/${tasks.total}`),
      el('span', { class: 'figure-label' }, `tasks done · ${m.summary.percent}%`),
    ),
  );
  return el('section', { class: 'summary', 'aria-label': 'Summary' }, figures);
}

/** The filter box and the "hide completed" switch: built once, so typing never loses focus or caret. */
export function toolbar(onChange: () => void): { element: HTMLElement; sync(): void } {
  const search = el('input', {
    type: 'search',
    class: 'filter',
    placeholder: 'Filter plans',
    'aria-label': 'Filter plans by title, path or status',
    spellcheck: 'false',
  });
  search.addEventListener('input', () => {
    saveState({ filter: search.value });
    onChange();
  });
  const hide = el('input', { type: 'checkbox', id: 'hide-completed' });
  hide.addEventListener('change', () => {
    saveState({ hideCompleted: hide.checked });
    onChange();
  });
  const sync = (): void => {
    search.value = state.view.filter;
    hide.checked = state.view.hideCompleted;
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
