/** A plan's card: title, status badge, header fields, the overall rail, phases and the next task. */
import type { DashboardPhase, DashboardPlan, DashboardTask, Progress, TaskState } from '../shared/protocol';
import { button, el, icon } from './dom';
import { openLocation, requestTick } from './messaging';
import { isBusy, markCardBusy, state } from './state';

export function describeProgress(p: Progress): string {
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
export function rail(progress: Progress, state: TaskState, label: string, withSkipped = true): HTMLElement {
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

function phaseRow(plan: DashboardPlan, phase: DashboardPhase, index: number): HTMLElement {
  const { progress } = phase;
  const counted = progress.total > 0 ? `${progress.done}/${progress.total}` : phase.stateLabel;
  const label = `${phase.label}: ${phase.stateLabel}${progress.total + progress.skipped > 0 ? `, ${describeProgress(progress)}` : ''}`;
  return el(
    'li',
    { class: `phase state-${phase.state}${phase.current ? ' current' : ''}`, 'aria-current': phase.current ? 'step' : undefined },
    button(
      { class: 'phase-link', 'data-key': `${plan.uri}#phase${index}`, title: `Open ${phase.label} (line ${phase.line + 1})` },
      () => openLocation(plan.uri, phase.line),
      icon(phase.icon, 'phase-icon'),
      el(
        'span',
        // Clamped to three lines by the stylesheet; the whole label on hover.
        { class: 'phase-text', title: phase.label },
        el('span', { class: 'phase-label' }, phase.label),
        phase.current ? el('span', { class: 'current-tag' }, 'current') : undefined,
        phase.evidence ? el('span', { class: 'evidence', title: phase.evidence }, `Evidence: ${phase.evidence}`) : undefined,
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
      const requestId = state.nextRequestId++;
      state.pendingTicks.set(requestId, taskKey);
      b.setAttribute('aria-disabled', 'true');
      markCardBusy(plan.uri);
      requestTick(requestId, plan.uri, task.line, task.mark, task.text);
    },
    icon('check'),
    'Tick next task',
  );
  return b;
}

export function planCard(plan: DashboardPlan): HTMLElement {
  const p = plan.percent;
  const status = plan.statusLabel;
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
          () => openLocation(plan.uri, plan.titleLine),
          icon(plan.statusIcon, 'status-icon'),
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
            () => openLocation(plan.uri, next.line),
            el('span', { class: 'next-label' }, next.state === 'inProgress' ? 'In progress: ' : 'Next: '),
            el('span', { class: 'next-text', title: next.text }, next.text),
            next.evidence ? el('span', { class: 'evidence', title: next.evidence }, `Evidence: ${next.evidence}`) : undefined,
          ),
        )
      : el('div', { class: 'next all-done' }, icon('pass', 'all-done-icon'), 'All tasks done'),
  );
}
