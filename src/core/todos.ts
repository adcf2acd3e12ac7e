/**
 * Tasks kept in YAML front matter, as Cursor's plan files (`.cursor/plans/<name>_<hash>.plan.md`)
 * keep theirs, not as Markdown boxes:
 *
 *     todos:
 *       - id: api
 *         content: Build the API
 *         status: pending            # or in_progress, completed, cancelled
 *
 * Each todo is a task whose line is its `status:` line and whose column is the status word's first
 * character; its state is the word's. Setting its state rewrites the word (`todoStatusEdit`), which
 * every edit path does for a task above the body (edits.ts), so the Plans view, the quick fixes and
 * the agent tools tick a todo as they tick a box.
 */
import type { Task, TaskState, TextEdit } from './types';

/** The word Cursor writes for each state. */
export const TODO_WORDS: Readonly<Record<TaskState, string>> = Object.freeze({ open: 'pending', done: 'completed', inProgress: 'in_progress', skipped: 'cancelled' });

/** The mark a todo's task carries, by state: the default alphabet's, so messages and stale-model checks read as for a box. */
const TODO_MARKS: Readonly<Record<TaskState, string>> = Object.freeze({ open: ' ', done: 'x', inProgress: '/', skipped: '~' });

const STATE_OF_WORD = new Map<string, TaskState>(Object.entries(TODO_WORDS).map(([state, word]) => [word, state as TaskState]));

/**
 * A todo read as a task: the fields the parser completes (index, depth, parent, section), and the
 * number of the phase its id names (`id: phase2-sync-queue`), which the parser places it under.
 */
export type TodoTask = Pick<Task, 'line' | 'column' | 'mark' | 'state' | 'text'> & { readonly phase?: number };

/** An id that names a phase first: `phase1-types`, `phase-2-gui`, `phase_3`. */
const PHASE_ID = /^phase[-_ ]?(\d{1,3})(?![\d\p{L}])/iu;

const TODOS_KEY = /^todos[ \t]*:[ \t]*(?:#.*)?$/;
const ITEM = /^([ \t]*)-(?:[ \t]+|$)/;
const STATUS = /^([ \t]*(?:-[ \t]+)?status[ \t]*:[ \t]*)(["']?)([A-Za-z_]+)\2[ \t]*(?:#.*)?$/;

/**
 * The todos of the front matter whose lines are `from` to `to` (exclusive), given what the YAML
 * parser made of its `todos` key: each item of the block list under `todos:` that has a `content`
 * and one of Cursor's four status words, written as a plain or quoted word on a line of its own.
 * None when the list is not written so (a flow list `[…]`, more items than the parser read):
 * a todo whose line is not surely known cannot be edited.
 */
export function readTodos(lineAt: (line: number) => string, from: number, to: number, todos: unknown): TodoTask[] {
  if (!Array.isArray(todos) || todos.length === 0) return [];
  let line = from;
  while (line < to && !TODOS_KEY.test(lineAt(line))) line++;
  // Per item: the column its keys start at, and its status word's line, column and word.
  const items: { keys: number; status?: readonly [number, number, string] }[] = [];
  let itemIndent = -1;
  for (line++; line < to; line++) {
    const text = lineAt(line);
    if (text.trim() === '' || /^[ \t]*#/.test(text)) continue;
    const indent = text.length - text.trimStart().length;
    const item = ITEM.exec(text);
    const starts = item !== null && (itemIndent < 0 || item[1].length === itemIndent);
    if (starts) {
      itemIndent = item[1].length;
      items.push({ keys: item[0].length });
    } else if (indent <= Math.max(itemIndent, 0)) {
      break; // the next key of the front matter (a list may sit at its key's indent)
    }
    const current = items[items.length - 1];
    if (!current) return [];
    // The item's own `status:` (on its first line, or a line at its keys' column), not a nested one's.
    const status = starts || indent === current.keys ? STATUS.exec(text) : null;
    if (status && current.status === undefined) current.status = [line, status[1].length + status[2].length, status[3]];
  }
  if (items.length !== todos.length) return [];
  const tasks: TodoTask[] = [];
  for (let i = 0; i < items.length; i++) {
    const todo = todos[i] as { id?: unknown; content?: unknown; status?: unknown } | null;
    const at = items[i].status;
    const state = at && STATE_OF_WORD.get(at[2]);
    if (!todo || typeof todo !== 'object' || typeof todo.content !== 'string' || todo.status !== at?.[2] || !state) continue;
    const text = todo.content.replace(/\s+/g, ' ').trim();
    const phase = typeof todo.id === 'string' ? PHASE_ID.exec(todo.id)?.[1] : undefined;
    if (text) tasks.push({ line: at[0], column: at[1], mark: TODO_MARKS[state], state, text, ...(phase ? { phase: Number(phase) } : {}) });
  }
  return tasks;
}

/** The edit that sets a todo's state: its status word rewritten. */
export function todoStatusEdit(task: Pick<Task, 'line' | 'column' | 'state'>, state: TaskState): TextEdit {
  const end = task.column + TODO_WORDS[task.state].length;
  return { range: { start: { line: task.line, character: task.column }, end: { line: task.line, character: end } }, newText: TODO_WORDS[state] };
}
