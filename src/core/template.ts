import { parsePlan } from './parse';
import { applyEdits, lineAt, lineStarts } from './text';
import type { TextEdit } from './types';

export interface TemplateVars {
  readonly title: string;
  /** YYYY-MM-DD */
  readonly date: string;
  readonly planner?: string;
  readonly implementer?: string;
  readonly status?: string;
  readonly slug?: string;
}

/** A file name stem for a title: `Add OAuth2 Login (v2)` → `add-oauth2-login-v2`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug || 'plan';
}

/** Local date as YYYY-MM-DD. */
export function formatDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const PLACEHOLDER_STATUS = /\s\/\s/;

/**
 * Fills a plan template: `{{title}}`, `{{date}}`, `{{planner}}`, `{{implementer}}`, `{{status}}`,
 * `{{slug}}` (spaces inside the braces allowed; unknown names are left as they are), then, for a
 * template written like the seed (no variables), the `[Feature/Task Name]` title, a `YYYY-MM-DD`
 * **Created:** date, the `A / B / C` **Status:** choice, and the Planner/Implementer when given.
 */
export function fillTemplate(template: string, vars: TemplateVars): string {
  const values: Record<string, string | undefined> = {
    title: vars.title,
    date: vars.date,
    planner: vars.planner,
    implementer: vars.implementer,
    status: vars.status,
    slug: vars.slug ?? slugify(vars.title),
  };
  const substituted = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);

  const plan = parsePlan(substituted);
  const starts = lineStarts(substituted);
  const edits: TextEdit[] = [];
  if (plan.titleLine >= 0 && /^\[[^\]]*\]$/.test(plan.title)) {
    const line = lineAt(substituted, starts, plan.titleLine) ?? '';
    const at = line.indexOf(plan.title);
    if (at >= 0) edits.push({ range: { start: { line: plan.titleLine, character: at }, end: { line: plan.titleLine, character: at + plan.title.length } }, newText: vars.title });
  }
  for (const f of plan.fields) {
    const key = f.key.toLowerCase();
    let value: string | undefined;
    if (key === 'created' && /^YYYY-MM-DD$/i.test(f.value)) value = vars.date;
    else if (key === 'status' && vars.status && (PLACEHOLDER_STATUS.test(f.value) || !f.value)) value = vars.status;
    else if (key === 'planner' && vars.planner) value = vars.planner;
    else if (key === 'implementer' && vars.implementer) value = vars.implementer;
    if (value !== undefined && value !== f.value) {
      edits.push({ range: { start: { line: f.line, character: f.valueStart }, end: { line: f.line, character: f.valueEnd } }, newText: value });
    }
  }
  return applyEdits(substituted, edits);
}
