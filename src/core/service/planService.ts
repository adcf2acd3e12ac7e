/**
 * The plan service: the five operations every agent host calls (the CLI verbs, the MCP server and
 * the VS Code language model tools), over a small port for listing, reading and editing plans.
 * Pure: the port decides where text comes from (files, open buffers) and how an edit is written
 * (atomically on disk, or as a WorkspaceEdit); the service finds plans and tasks, computes the
 * edits with the core's edit functions, and answers in the versioned JSON of `contract.ts`.
 *
 * Every edit is computed inside the `compute` callback the port calls with the plan's *current*
 * text (again, if the text changed before the write), so a task is always found in the text that
 * is written, never in a stale copy.
 */
import { checkPlan } from '../check';
import { mightBePlan, PLAN_DETECTION_RULE } from '../detect';
import { appendNoteEdit, setStatusEdit, setTaskStateEdit } from '../edits';
import { findTask, taskId, type TaskCandidate } from '../findTask';
import { parsePlan } from '../parse';
import { percent } from '../progress';
import { inTracking, isTrackingItem } from '../rules/outline';
import { nextTask } from '../rules/summary';
import { statusCategory, statusIndex } from '../status';
import { formatDate } from '../template';
import { applyEdits } from '../text';
import { DEFAULT_STATUSES, type EditResult, type ParseOptions, type Plan, type Progress, type Task, type TaskMarkAlphabet, type TaskState, type TextEdit } from '../types';
import {
  SCHEMA_VERSION,
  TOOLS,
  validateInput,
  type CheckResult,
  type ErrorCode,
  type NoteResult,
  type PlanStatusJson,
  type ProgressJson,
  type ServiceError,
  type ServiceResult,
  type SetStatusResult,
  type StatusResult,
  type TaskJson,
  type ToolName,
  type UpdateResult,
} from './contract';

/** A plan file as the port sees it: an id the user recognises (a workspace-relative path) and its current text. */
export interface PlanFile {
  readonly id: string;
  readonly text: string;
  /**
   * The host's settings make this file a plan whatever it holds (a path in `planTracker.alwaysPlans`
   * or `--always-plan`): the service reads it as one, as the host's own views and `status` do.
   */
  readonly alwaysPlan?: boolean;
}

export type WriteOutcome = { readonly ok: true; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

/** Where plans live. The CLI implements it over the file system, the extension over the workspace and its open buffers. */
export interface PlanStore {
  /** Every Markdown file that may be a plan, with its current text (the service keeps the plans). */
  list(): Promise<readonly PlanFile[]>;
  /** The file a reference names directly (a path the store understands), or undefined. */
  read(ref: string): Promise<PlanFile | undefined>;
  /**
   * Applies `compute(currentText)` to the plan `id` and writes the result safely: the port calls
   * `compute` with the text it is about to change (again if that text changed meanwhile), and
   * returns `compute`'s refusal, or why it could not write.
   */
  edit(id: string, compute: (text: string) => EditResult, label: string): Promise<WriteOutcome>;
}

export interface PlanSettings {
  readonly marks?: TaskMarkAlphabet;
  /** Plan statuses in order; the last means completed. */
  readonly statuses?: readonly string[];
  /** `planTracker.requireEvidence`: ticking a Status Tracking item needs evidence. */
  readonly requireEvidence?: boolean;
}

export interface PlanServiceOptions {
  /** Settings for a plan (they may differ per folder). Defaults: the core's marks and statuses. */
  readonly settingsFor?: (id: string) => PlanSettings;
  /** Today's date, YYYY-MM-DD, for notes. */
  readonly today?: () => string;
}

/** What an operation would change, for a confirmation or a progress message. */
export interface CallPreview {
  readonly message: string;
  /** Whether a person would want to confirm it first (setting the completed status, reopening a done task). */
  readonly confirm: boolean;
}

interface LoadedPlan {
  readonly id: string;
  readonly text: string;
  readonly plan: Plan;
  /** Reads another text of the same file as `plan` was read (its path, the host's marks and always-plan setting). */
  readonly parse: (text: string) => Plan;
}

type Resolved = { readonly ok: true; readonly plan: LoadedPlan } | { readonly ok: false; readonly error: ServiceError };

const DEFAULT_LIMIT = 5;

function fail(code: ErrorCode, message: string, candidates?: ServiceError['error']['candidates']): ServiceError {
  return { schemaVersion: SCHEMA_VERSION, ok: false, error: candidates && candidates.length ? { code, message, candidates } : { code, message } };
}

function progressJson(p: Progress): ProgressJson {
  return { done: p.done, open: p.open, inProgress: p.inProgress, skipped: p.skipped, total: p.total, percent: percent(p) };
}

export function taskJson(t: Task): TaskJson {
  const json = { id: taskId(t.text) ?? null, line: t.line + 1, text: t.text, state: t.state };
  return t.evidence !== undefined ? { ...json, evidence: t.evidence } : json;
}

const isOpen = (t: Task): boolean => t.state === 'open' || t.state === 'inProgress';

/** The next open tasks: the one `nextTask` picks, then the other open tasks of the work, then Status Tracking's. */
export function nextTasks(plan: Plan, limit: number): Task[] {
  const first = nextTask(plan);
  if (!first) return [];
  const rest = plan.tasks.filter((t) => t !== first && isOpen(t));
  const work = rest.filter((t) => !(t.section >= 0 && inTracking(plan, t.section)));
  const tracking = rest.filter((t) => t.section >= 0 && inTracking(plan, t.section));
  const ordered = [first, ...work.filter((t) => t.line > first.line), ...work.filter((t) => t.line < first.line), ...tracking];
  return ordered.slice(0, limit);
}

export function planStatusJson(id: string, plan: Plan, limit = DEFAULT_LIMIT): PlanStatusJson {
  const phase = plan.currentPhase >= 0 ? plan.phases[plan.currentPhase] : undefined;
  return {
    plan: id,
    title: plan.title,
    status: plan.status ?? null,
    currentPhase: phase ? { label: phase.label, name: phase.name, number: phase.number ?? null } : null,
    progress: progressJson(plan.progress),
    nextTasks: nextTasks(plan, limit).map(taskJson),
  };
}

const taskCandidates = (list: readonly TaskCandidate[]): { line: number; text: string }[] => list.map((c) => ({ line: c.line + 1, text: c.text }));

function normalizeRef(ref: string): string {
  return ref.trim().replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
}

export class PlanService {
  constructor(
    private readonly store: PlanStore,
    private readonly options: PlanServiceOptions = {},
  ) {}

  /** Runs an operation by its tool name on raw input (as a model sent it): the input is checked against the tool's schema first. */
  async call(name: string, input: unknown): Promise<ServiceResult> {
    const tool = TOOLS.find((t) => t.name === name);
    if (!tool) return fail('invalid-input', `There is no tool "${name}"; the tools are: ${TOOLS.map((t) => t.name).join(', ')}.`);
    const problem = validateInput(tool.inputSchema, input ?? {});
    if (problem) return fail('invalid-input', `${problem} See the ${name} input schema.`);
    const args = (input ?? {}) as never; // checked against the schema just above
    switch (tool.name as ToolName) {
      case 'get_plan_status':
        return this.getPlanStatus(args);
      case 'update_plan_task':
        return this.updatePlanTask(args);
      case 'set_plan_status':
        return this.setPlanStatus(args);
      case 'add_plan_note':
        return this.addPlanNote(args);
      case 'check_plan':
        return this.checkPlan(args);
    }
  }

  async getPlanStatus(input: { readonly plan?: string; readonly limit?: number }): Promise<StatusResult | ServiceError> {
    const limit = input.limit ?? DEFAULT_LIMIT;
    const plans = await this.plansFor(input.plan);
    if (!Array.isArray(plans)) return plans;
    return { schemaVersion: SCHEMA_VERSION, ok: true, plans: plans.map((p) => planStatusJson(p.id, p.plan, limit)) };
  }

  async checkPlan(input: { readonly plan?: string }): Promise<CheckResult | ServiceError> {
    const plans = await this.plansFor(input.plan);
    if (!Array.isArray(plans)) return plans;
    const results = plans.map((p) => {
      const findings = checkPlan(p.plan, p.text, { statuses: this.statuses(p.id), requireEvidence: this.options.settingsFor?.(p.id).requireEvidence === true });
      return {
        plan: p.id,
        clean: !findings.some((f) => f.severity !== 'info'),
        findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, line: f.line + 1, column: f.start + 1 })),
      };
    });
    return { schemaVersion: SCHEMA_VERSION, ok: true, clean: results.every((r) => r.clean), plans: results };
  }

  async updatePlanTask(input: {
    readonly plan: string;
    readonly task: string;
    readonly line?: number;
    readonly state?: TaskState;
    readonly note?: string;
    readonly evidence?: string;
  }): Promise<UpdateResult | ServiceError> {
    const resolved = await this.resolvePlan(input.plan);
    if (!resolved.ok) return resolved.error;
    const { id, parse } = resolved.plan;
    const state = input.state ?? 'done';
    const note = input.note?.trim() ? input.note.trim() : undefined;
    const evidence = input.evidence?.trim() ? input.evidence.trim() : undefined;
    const requireEvidence = this.options.settingsFor?.(id).requireEvidence === true;
    const options = this.parseOptions(id);
    const date = this.today();
    let done: { text: string; edits: EditResult & { ok: true }; task: Task; relocated?: string } | undefined;
    let refusal: { reason: string; error: ServiceError } | undefined;
    const compute = (text: string): EditResult => {
      done = undefined;
      const plan = parse(text);
      const found = findTask(plan, { text: input.task, line: input.line !== undefined ? input.line - 1 : undefined });
      if (!found.ok) {
        refusal = { reason: found.reason, error: fail(found.why === 'ambiguous' ? 'task-ambiguous' : 'task-not-found', found.why === 'ambiguous' ? found.reason : `${found.reason} Name one of the candidates by its text or its line.`, taskCandidates(found.candidates)) };
        return { ok: false, reason: found.reason };
      }
      const t = found.task;
      if (requireEvidence && state === 'done' && !evidence && t.evidence === undefined && isTrackingItem(plan, t)) {
        const reason = `"${t.text}" is a Status Tracking item, and this workspace requires evidence to tick one (planTracker.requireEvidence). Pass evidence: what was run and its result, a commit, or a test.`;
        refusal = { reason, error: fail('evidence-required', reason) };
        return { ok: false, reason };
      }
      const mark = setTaskStateEdit(text, { line: t.line, column: t.column, mark: t.mark, text: t.text }, state, { ...options, evidence, date });
      if (!mark.ok) {
        refusal = { reason: mark.reason, error: fail('refused', mark.reason) };
        return mark;
      }
      const edits = [...mark.edits];
      if (note) {
        const added = appendNoteEdit(text, note, date, options);
        if (!added.ok) {
          refusal = { reason: added.reason, error: fail('refused', added.reason) };
          return added;
        }
        edits.push(...added.edits);
      }
      const result = { ok: true as const, edits };
      done = { text, edits: result, task: t, relocated: found.relocated };
      return result;
    };
    const outcome = await this.store.edit(id, compute, `Plan Tracker: mark "${input.task}" ${state}`);
    if (!outcome.ok || !done) return this.writeFailure(outcome, refusal);
    const written = done as { text: string; edits: EditResult & { ok: true }; task: Task; relocated?: string };
    const after = parse(applyEdits(written.text, written.edits.edits));
    const task = after.tasks.find((t) => t.line === written.task.line) ?? written.task;
    const next = nextTask(after);
    return {
      schemaVersion: SCHEMA_VERSION,
      ok: true,
      plan: id,
      changed: outcome.changed,
      task: { ...taskJson(task), previousState: written.task.state },
      note: note ? `${date}: ${note}` : null,
      relocated: written.relocated ?? null,
      status: planStatusJson(id, after),
      next: next ? taskJson(next) : null,
    };
  }

  async setPlanStatus(input: { readonly plan: string; readonly status: string }): Promise<SetStatusResult | ServiceError> {
    const resolved = await this.resolvePlan(input.plan);
    if (!resolved.ok) return resolved.error;
    const { id, parse } = resolved.plan;
    const statuses = this.statuses(id);
    const at = statusIndex(input.status, statuses);
    if (at < 0) return fail('invalid-input', `"${input.status.trim()}" is not a plan status; use one of: ${statuses.join(', ')}.`);
    const wanted = statuses[at];
    const completed = statusCategory(wanted, statuses) === 'completed';
    const options = this.parseOptions(id);
    let done: { text: string; edits: readonly TextEdit[]; previous: string | null } | undefined;
    let refusal: { reason: string; error: ServiceError } | undefined;
    const compute = (text: string): EditResult => {
      done = undefined;
      const plan = parse(text);
      if (completed) {
        const open = plan.tasks.filter(isOpen);
        if (open.length) {
          const reason = `The plan cannot be "${wanted}": ${open.length} item${open.length === 1 ? ' is' : 's are'} not done. Finish or skip ${open.length === 1 ? 'it' : 'them'} first.`;
          refusal = { reason, error: fail('refused', reason, open.slice(0, 10).map((t) => ({ line: t.line + 1, text: t.text }))) };
          return { ok: false, reason };
        }
      }
      const result = setStatusEdit(text, wanted, options);
      if (!result.ok) refusal = { reason: result.reason, error: fail('refused', result.reason) };
      else done = { text, edits: result.edits, previous: plan.status ?? null };
      return result;
    };
    const outcome = await this.store.edit(id, compute, `Plan Tracker: set status ${wanted}`);
    if (!outcome.ok || !done) return this.writeFailure(outcome, refusal);
    const written = done as { text: string; edits: readonly TextEdit[]; previous: string | null };
    const after = parse(applyEdits(written.text, written.edits));
    return { schemaVersion: SCHEMA_VERSION, ok: true, plan: id, changed: outcome.changed, previousStatus: written.previous, status: planStatusJson(id, after) };
  }

  async addPlanNote(input: { readonly plan: string; readonly note: string }): Promise<NoteResult | ServiceError> {
    const resolved = await this.resolvePlan(input.plan);
    if (!resolved.ok) return resolved.error;
    const { id, parse } = resolved.plan;
    const options = this.parseOptions(id);
    const date = this.today();
    const note = input.note.trim();
    let done: { text: string; edits: readonly TextEdit[] } | undefined;
    let refusal: { reason: string; error: ServiceError } | undefined;
    const compute = (text: string): EditResult => {
      done = undefined;
      const result = appendNoteEdit(text, note, date, options);
      if (!result.ok) refusal = { reason: result.reason, error: fail('refused', result.reason) };
      else done = { text, edits: result.edits };
      return result;
    };
    const outcome = await this.store.edit(id, compute, 'Plan Tracker: add note');
    if (!outcome.ok || !done) return this.writeFailure(outcome, refusal);
    const written = done as { text: string; edits: readonly TextEdit[] };
    const after = parse(applyEdits(written.text, written.edits));
    return { schemaVersion: SCHEMA_VERSION, ok: true, plan: id, note: `${date}: ${note}`, status: planStatusJson(id, after) };
  }

  /** What a call would do, in a sentence, and whether to ask first. Never writes. */
  async preview(name: string, input: unknown): Promise<CallPreview> {
    const args = (input ?? {}) as Record<string, unknown>;
    const planRef = typeof args.plan === 'string' ? args.plan : undefined;
    switch (name) {
      case 'get_plan_status':
        return { message: planRef ? `Reading the status of ${planRef}` : 'Reading the status of every plan', confirm: false };
      case 'check_plan':
        return { message: planRef ? `Checking ${planRef}` : 'Checking every plan', confirm: false };
      case 'add_plan_note':
        return { message: `Adding a note to ${planRef ?? 'the plan'}: "${String(args.note ?? '')}"`, confirm: false };
      case 'set_plan_status': {
        const status = String(args.status ?? '');
        const resolved = planRef ? await this.resolvePlan(planRef) : undefined;
        const statuses = this.statuses(resolved?.ok ? resolved.plan.id : '');
        const completed = statusCategory(status, statuses) === 'completed';
        const from = resolved?.ok ? ` (now "${resolved.plan.plan.status ?? 'none'}")` : '';
        return { message: `Setting the status of ${planRef ?? 'the plan'} to "${status}"${from}`, confirm: completed };
      }
      case 'update_plan_task': {
        const state = typeof args.state === 'string' ? args.state : 'done';
        const resolved = planRef ? await this.resolvePlan(planRef) : undefined;
        if (!resolved?.ok || typeof args.task !== 'string') return { message: `Marking "${String(args.task ?? '')}" ${state} in ${planRef ?? 'the plan'}`, confirm: false };
        const found = findTask(resolved.plan.plan, { text: args.task, line: typeof args.line === 'number' ? args.line - 1 : undefined });
        if (!found.ok) return { message: `Marking "${args.task}" ${state} in ${resolved.plan.id}`, confirm: false };
        const t = found.task;
        const reopening = t.state === 'done' && state !== 'done';
        return { message: `Marking "${t.text}" (line ${t.line + 1} of ${resolved.plan.id}) ${state}${t.state !== state ? `, now ${t.state}` : ''}`, confirm: reopening };
      }
      default:
        return { message: name, confirm: false };
    }
  }

  private writeFailure(outcome: WriteOutcome, refusal: { reason: string; error: ServiceError } | undefined): ServiceError {
    // The port hands back compute's own refusal as its reason: then answer with the refusal the service built.
    if (!outcome.ok && refusal && outcome.reason === refusal.reason) return refusal.error;
    return fail('write-failed', outcome.ok ? 'The plan changed while it was being written; read its status and try again.' : outcome.reason);
  }

  private today(): string {
    return this.options.today ? this.options.today() : formatDate(new Date());
  }

  private statuses(id: string): readonly string[] {
    const s = this.options.settingsFor?.(id).statuses;
    return s && s.length ? s : DEFAULT_STATUSES;
  }

  /** The file's task marks, and its path (the edits re-read the plan as `load` read it: by its place too). */
  private parseOptions(id: string): ParseOptions {
    const marks = this.options.settingsFor?.(id).marks;
    return marks ? { marks, path: id } : { path: id };
  }

  /** The file's plan, read by the detection rule (its path is evidence too) and the host's always-plan setting. */
  private load(file: PlanFile): LoadedPlan {
    const options = this.parseOptions(file.id);
    const read = file.alwaysPlan ? { ...options, assumePlan: true } : options;
    const parse = (text: string): Plan => parsePlan({ text, uri: file.id }, read);
    return { id: file.id, text: file.text, plan: parse(file.text), parse };
  }

  private async allPlans(): Promise<LoadedPlan[]> {
    const files = (await this.store.list()).filter((f) => f.alwaysPlan || mightBePlan(f.text));
    return files.map((f) => this.load(f)).filter((p) => p.plan.isPlan);
  }

  private async plansFor(ref: string | undefined): Promise<LoadedPlan[] | ServiceError> {
    if (ref === undefined) return this.allPlans();
    const resolved = await this.resolvePlan(ref);
    return resolved.ok ? [resolved.plan] : resolved.error;
  }

  /** A plan by a reference: a path the store reads directly, else a unique path suffix, file name or title among the plans. */
  async resolvePlan(ref: string): Promise<Resolved> {
    const direct = await this.store.read(ref);
    if (direct) {
      const loaded = this.load(direct);
      if (loaded.plan.isPlan) return { ok: true, plan: loaded };
      return { ok: false, error: fail('plan-not-found', `${direct.id} is not a plan. ${PLAN_DETECTION_RULE} The plans are listed by get_plan_status (on the command line: plan-tracker status).`) };
    }
    const plans = await this.allPlans();
    const wanted = normalizeRef(ref);
    const bare = wanted.replace(/\.(md|markdown)$/, '');
    const matches = (p: LoadedPlan): boolean => {
      const id = normalizeRef(p.id);
      const idBare = id.replace(/\.(md|markdown)$/, '');
      return id === wanted || id.endsWith(`/${wanted}`) || idBare === bare || idBare.endsWith(`/${bare}`) || p.plan.title.trim().toLowerCase() === ref.trim().toLowerCase();
    };
    const found = plans.filter(matches);
    if (found.length === 1) return { ok: true, plan: found[0] };
    const list = (found.length ? found : plans).slice(0, 20).map((p) => ({ plan: p.id, text: p.plan.title || p.id }));
    if (found.length > 1) return { ok: false, error: fail('plan-ambiguous', `${found.length} plans match "${ref}"; name one by its path.`, list) };
    return { ok: false, error: fail('plan-not-found', plans.length ? `No plan matches "${ref}"; name one by its path (the candidates are the plans of the workspace).` : `No plan matches "${ref}", and the workspace has no plans.`, list) };
  }
}
