/**
 * The plan service's contract: the five operations, their JSON Schemas, and the JSON they return.
 * The one source of truth for every host: the MCP server lists these schemas, package.json's
 * `contributes.languageModelTools` holds copies (a test keeps them equal), and the CLI's `--json`
 * prints the same documents. Bump SCHEMA_VERSION when a field changes meaning or goes away.
 */
import { TASK_STATES, type TaskState } from '../types';

export const SCHEMA_VERSION = 1;

export type ToolName = 'get_plan_status' | 'update_plan_task' | 'set_plan_status' | 'add_plan_note' | 'check_plan';

/** The subset of JSON Schema the contract uses (and `validateInput` understands). */
export interface JsonSchema {
  readonly type: 'object' | 'string' | 'integer' | 'boolean';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly minimum?: number;
}

export interface ToolInfo {
  readonly name: ToolName;
  /** What VS Code users type in chat: `#planStatus`. */
  readonly referenceName: string;
  readonly title: string;
  /** What the tool does and when to use it, for the model. */
  readonly description: string;
  readonly readOnly: boolean;
  readonly inputSchema: JsonSchema;
}

const plan = (required: boolean): JsonSchema => ({
  type: 'string',
  minLength: 1,
  description: required
    ? 'The plan: its path relative to the workspace (docs/plans/auth.md), its file name, or its title.'
    : 'The plan: its path relative to the workspace, its file name, or its title. Omit for every plan.',
});

export const TOOLS: readonly ToolInfo[] = [
  {
    name: 'get_plan_status',
    referenceName: 'planStatus',
    title: 'Get plan status',
    description:
      'Where implementation plans stand: status, current phase, progress and the next open tasks (with id, line and text) of every plan in the workspace, or of one. Read this before working on a plan and pass a task\'s text or id to update_plan_task.',
    readOnly: true,
    inputSchema: {
      type: 'object',
      properties: {
        plan: plan(false),
        limit: { type: 'integer', minimum: 1, description: 'How many next open tasks to list per plan (default 5).' },
      },
      additionalProperties: false,
    },
  },
  {
    name: 'update_plan_task',
    referenceName: 'planTask',
    title: 'Update a plan task',
    description:
      'Marks one task of a plan done, in progress, open or skipped: a one-character edit of its checkbox, plus a dated note under **Notes:** and an evidence item under the task when given. Use it right after finishing (or starting) the work of a task instead of editing the Markdown, and never delete or reword a task instead of ticking it. Returns the plan\'s new status and next task.',
    readOnly: false,
    inputSchema: {
      type: 'object',
      properties: {
        plan: plan(true),
        task: { type: 'string', minLength: 1, description: 'The task: its text as written (or loosely: case, emphasis and trailing punctuation ignored) or its id (T001, 1.2, 3 (a Kiro top-level task), Phase 2, Step 3).' },
        line: { type: 'integer', minimum: 1, description: 'The 1-based line the task was on when you read it; the task text must still match.' },
        state: { type: 'string', enum: TASK_STATES, description: 'The new state (default done).' },
        note: { type: 'string', description: 'A note to add under **Notes:** with today\'s date.' },
        evidence: {
          type: 'string',
          description:
            'What shows the work is done: the command run and its result, a commit, a test. Written under the task as "- Evidence: <text> (date)", replacing any it has. Required to tick a Status Tracking item when the workspace sets planTracker.requireEvidence.',
        },
      },
      required: ['plan', 'task'],
      additionalProperties: false,
    },
  },
  {
    name: 'set_plan_status',
    referenceName: 'planSetStatus',
    title: 'Set plan status',
    description:
      'Sets a plan\'s **Status:** header to one of the configured statuses (for example "Implementation In Progress" when work starts). "Completed" is refused while tasks are open; the refusal lists them.',
    readOnly: false,
    inputSchema: {
      type: 'object',
      properties: {
        plan: plan(true),
        status: { type: 'string', minLength: 1, description: 'The new status, one of the plan statuses (case-insensitive).' },
      },
      required: ['plan', 'status'],
      additionalProperties: false,
    },
  },
  {
    name: 'add_plan_note',
    referenceName: 'planNote',
    title: 'Add a plan note',
    description: 'Adds a dated note under the plan\'s **Notes:** (created when missing): a decision, a deviation from the plan, what is left.',
    readOnly: false,
    inputSchema: {
      type: 'object',
      properties: {
        plan: plan(true),
        note: { type: 'string', minLength: 1, description: 'The note text.' },
      },
      required: ['plan', 'note'],
      additionalProperties: false,
    },
  },
  {
    name: 'check_plan',
    referenceName: 'planCheck',
    title: 'Check a plan',
    description:
      'The health findings of one plan or all: template placeholders left in, a status that contradicts the checkboxes, a roadmap and Status Tracking that disagree. Run it after updating a plan.',
    readOnly: true,
    inputSchema: {
      type: 'object',
      properties: { plan: plan(false) },
      additionalProperties: false,
    },
  },
];

export function toolInfo(name: string): ToolInfo | undefined {
  return TOOLS.find((t) => t.name === name);
}

// ---- Results -------------------------------------------------------------------------------

export interface ProgressJson {
  readonly done: number;
  readonly open: number;
  readonly inProgress: number;
  readonly skipped: number;
  readonly total: number;
  readonly percent: number;
}

export interface TaskJson {
  /** The id the task's text starts with (`T001`, `1.2`, `Phase 2`), null when none. */
  readonly id: string | null;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
  readonly state: TaskState;
  /** The task's `Evidence:` item, when it has one. */
  readonly evidence?: string;
}

export interface PlanStatusJson {
  readonly plan: string;
  readonly title: string;
  readonly status: string | null;
  readonly currentPhase: { readonly label: string; readonly name: string; readonly number: number | null } | null;
  readonly progress: ProgressJson;
  /** The next open or in-progress tasks, the one to do first first. */
  readonly nextTasks: readonly TaskJson[];
}

export interface FindingJson {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export type ErrorCode = 'invalid-input' | 'plan-not-found' | 'plan-ambiguous' | 'task-not-found' | 'task-ambiguous' | 'evidence-required' | 'refused' | 'write-failed';

export interface ServiceError {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: false;
  readonly error: {
    readonly code: ErrorCode;
    /** What went wrong and what to do next, for a person or a model. */
    readonly message: string;
    /** Plans or tasks to pick from (tasks: 1-based line and text). */
    readonly candidates?: readonly { readonly plan?: string; readonly line?: number; readonly text: string }[];
  };
}

export interface StatusResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: true;
  readonly plans: readonly PlanStatusJson[];
}

export interface UpdateResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: true;
  readonly plan: string;
  /** Whether the file (or buffer) changed: false when the task already was in that state and no note was given. */
  readonly changed: boolean;
  readonly task: TaskJson & { readonly previousState: TaskState };
  readonly note: string | null;
  /** Set when the task was found on another line than the one given. */
  readonly relocated: string | null;
  readonly status: PlanStatusJson;
  readonly next: TaskJson | null;
}

export interface SetStatusResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: true;
  readonly plan: string;
  readonly changed: boolean;
  readonly previousStatus: string | null;
  readonly status: PlanStatusJson;
}

export interface NoteResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: true;
  readonly plan: string;
  readonly note: string;
  readonly status: PlanStatusJson;
}

export interface CheckResult {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly ok: true;
  /** Whether no plan has an error or a warning. */
  readonly clean: boolean;
  readonly plans: readonly { readonly plan: string; readonly clean: boolean; readonly findings: readonly FindingJson[] }[];
}

export type ServiceResult = StatusResult | UpdateResult | SetStatusResult | NoteResult | CheckResult | ServiceError;

/** A refusal as text for a person or a model: the message, then one line per candidate. */
export function refusalText(result: ServiceError): string {
  const lines = [result.error.message];
  for (const c of result.error.candidates ?? []) lines.push(c.plan !== undefined ? `- ${c.plan} (${c.text})` : `- line ${c.line}: ${c.text}`);
  return lines.join('\n');
}

// ---- Input validation ----------------------------------------------------------------------

/**
 * Checks `input` against a schema of the subset above. Returns the first problem as a sentence
 * naming the field, or undefined when the input fits. (The subset is five flat objects; a general
 * JSON Schema validator would add a code generator to the extension and CLI bundles.)
 */
export function validateInput(schema: JsonSchema, input: unknown): string | undefined {
  return check(schema, input, 'input');
}

function check(schema: JsonSchema, value: unknown, at: string): string | undefined {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at} must be an object.`;
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) return `"${key}" is required.`;
      }
      for (const [key, v] of Object.entries(record)) {
        const sub = schema.properties?.[key];
        if (!sub) {
          if (schema.additionalProperties === false) return `Unknown field "${key}"; the fields are: ${Object.keys(schema.properties ?? {}).join(', ')}.`;
          continue;
        }
        if (v === undefined) continue;
        const problem = check(sub, v, `"${key}"`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'string':
      if (typeof value !== 'string') return `${at} must be a string.`;
      if (schema.minLength !== undefined && value.trim().length < schema.minLength) return `${at} must not be empty.`;
      if (schema.enum && !schema.enum.includes(value)) return `${at} must be one of: ${schema.enum.join(', ')}.`;
      return undefined;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${at} must be a whole number.`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${at} must be at least ${schema.minimum}.`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${at} must be true or false.`;
  }
}
