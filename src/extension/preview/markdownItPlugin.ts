/**
 * A markdown-it plugin for VS Code's built-in Markdown preview: at the top of a plan's preview, a
 * progress header (status, done/total, one bar per phase). Other Markdown is left as it is.
 *
 * It uses only the core and markdown-it (no `vscode`); `activate()` hands it to VS Code as
 * `extendMarkdownIt`. Every string from the document is HTML-escaped; there are no scripts, and
 * the styles come from `media/plan-preview.css` (`contributes.markdown.previewStyles`).
 */
import type MarkdownIt from 'markdown-it';
import { parsePlan, percent, statusLabel, type ParseOptions, type Phase, type Plan, type Progress } from '../../core';

type StateCore = MarkdownIt.StateCore;

const TOKEN = 'plan_tracker_header';
/** Larger documents are not read (the preview renders them as they are). */
const MAX_SOURCE = 2 * 1024 * 1024;
const INSTALLED = Symbol.for('planTracker.previewPlugin');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markdown emphasis and code marks dropped from labels (the header shows plain text). */
function plain(s: string): string {
  return s.replace(/[*_`~]/g, '').trim();
}

function bar(progress: Progress, extraClass = ''): string {
  const pct = percent(progress);
  return (
    `<span class="plan-tracker-bar${extraClass}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}">` +
    `<span class="plan-tracker-bar__fill" style="width: ${pct}%"></span></span>`
  );
}

function stateClass(state: Phase['state']): string {
  return state === 'inProgress' ? 'in-progress' : state;
}

function phaseRow(plan: Plan, phase: Phase, index: number): string {
  const { progress } = phase;
  const current = index === plan.currentPhase ? ' plan-tracker-phase--current' : '';
  const mark = phase.state === 'done' ? '✓' : phase.state === 'skipped' ? '–' : phase.state === 'inProgress' ? '◐' : '○';
  const count = progress.total > 0 ? `${progress.done}/${progress.total}` : phase.state === 'done' ? '✓' : '';
  return (
    `<li class="plan-tracker-phase plan-tracker-phase--${stateClass(phase.state)}${current}">` +
    `<span class="plan-tracker-phase__mark" aria-hidden="true">${mark}</span>` +
    `<span class="plan-tracker-phase__label">${escapeHtml(plain(phase.label))}</span>` +
    bar(progress.total > 0 ? progress : { done: phase.state === 'done' ? 1 : 0, open: 0, inProgress: 0, skipped: 0, total: 1 }, ' plan-tracker-phase__bar') +
    `<span class="plan-tracker-phase__count">${escapeHtml(count)}</span>` +
    `</li>`
  );
}

/** The header's HTML for a plan. */
export function renderProgressHeader(plan: Plan): string {
  const { progress } = plan;
  const pct = percent(progress);
  const overall = progress.total > 0 && progress.done === progress.total ? 'done' : progress.done > 0 || progress.inProgress > 0 ? 'in-progress' : 'open';
  const phases = plan.phases.length
    ? `<ul class="plan-tracker-phases">${plan.phases.map((phase, i) => phaseRow(plan, phase, i)).join('')}</ul>`
    : '';
  return (
    `<div class="plan-tracker-header plan-tracker-header--${overall}" role="group" aria-label="Plan progress">` +
    `<div class="plan-tracker-header__summary">` +
    `<span class="plan-tracker-status">${escapeHtml(statusLabel(plan))}</span>` +
    `<span class="plan-tracker-total">${progress.done}/${progress.total} tasks done · ${pct}%</span>` +
    `</div>` +
    bar(progress) +
    phases +
    `</div>\n`
  );
}

/**
 * How the document being rendered is parsed, as the plan index parses it: its path below its
 * workspace folder (plans recognised by their place: a `plans` folder, a Kiro spec) and its
 * folder's options (`planTracker.alwaysPlans`, task marks). `document` is what VS Code's preview
 * puts in markdown-it's render environment (`env.currentDocument`, a Uri); undefined: by content only.
 */
export type ReadingOf = (document: unknown) => ParseOptions | undefined;

/** What the header token keeps: the source, and the header made for the last reading of it. */
interface HeaderMeta {
  readonly src: string;
  made?: { readonly key: string; readonly html: string };
}

/**
 * VS Code tokenizes a document without its Uri (and keeps the tokens for later renders); it passes
 * the Uri only to the render. So the token goes into every document, and the render decides.
 */
function headerRule(state: StateCore): void {
  if (state.inlineMode || state.src.length > MAX_SOURCE) return;
  const token = new state.Token(TOKEN, 'div', 0);
  token.block = true;
  token.meta = { src: state.src } satisfies HeaderMeta;
  // After front matter (rendered as nothing), before the first block.
  const at = state.tokens.length > 0 && state.tokens[0].type === 'front_matter' ? 1 : 0;
  state.tokens.splice(at, 0, token);
}

/** The header's HTML for `meta`'s source read as `reading` says; '' when it is not a plan. */
function headerHtml(meta: HeaderMeta, reading: ReturnType<ReadingOf>): string {
  const key = JSON.stringify(reading ?? null);
  if (meta.made?.key === key) return meta.made.html;
  let html = '';
  try {
    const plan = parsePlan(meta.src, { ...reading, transient: true });
    if (plan.isPlan) html = renderProgressHeader(plan);
  } catch {
    // never break the preview
  }
  meta.made = { key, html };
  return html;
}

/**
 * Adds the progress header to `md` (once per instance). Returns `md`, as VS Code expects. With
 * `readingOf`, a document is read as the plan index reads it; without, by its content alone.
 */
export function extendMarkdownIt(md: MarkdownIt, readingOf?: ReadingOf): MarkdownIt {
  const marked = md as MarkdownIt & { [INSTALLED]?: boolean };
  if (marked[INSTALLED]) return md;
  marked[INSTALLED] = true;
  md.core.ruler.push(TOKEN, headerRule);
  md.renderer.rules[TOKEN] = (tokens, idx, _options, env: { currentDocument?: unknown } | undefined) => {
    const meta = tokens[idx].meta as HeaderMeta | null;
    if (!meta || typeof meta.src !== 'string') return '';
    let reading: ReturnType<ReadingOf>;
    try {
      reading = env?.currentDocument !== undefined ? readingOf?.(env.currentDocument) : undefined;
    } catch {
      reading = undefined;
    }
    return headerHtml(meta, reading);
  };
  return md;
}

export default extendMarkdownIt;

/** What `activate()` returns for VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`). */
export interface MarkdownPreviewApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}
