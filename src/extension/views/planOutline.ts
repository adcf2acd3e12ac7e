/**
 * The shape of one plan in the Plans tree, computed from the model alone (pure, no `vscode`):
 *
 *   plan
 *   ├── Status Tracking items (nested as in the file)
 *   ├── a group per level-2 section with tasks ("Implementation Roadmap", "Quality Checks", …)
 *   │   ├── tasks directly in that section
 *   │   └── a subgroup per level-3 section with tasks ("Phase 1: …", "6.1 …", "Step 2: …")
 *   │       └── tasks (deeper sections fold into their level-3 ancestor)
 *   └── tasks under the title before any level-2 section come first, ungrouped
 *
 * Tasks keep their nesting (`task.parent`). Keys are stable across edits that do not rename
 * things (they are built from texts, not lines), so the tree keeps its expansion state.
 */
import { progressOf } from '../../core/progress';
import { inTracking, withoutDoneAt, type Plan, type Progress, type Task } from '../../core';

export interface OutlineTask {
  readonly kind: 'task';
  readonly key: string;
  readonly task: Task;
  /** Index into `plan.phases` when this task is a phase's Status Tracking item. */
  readonly phase?: number;
  readonly children: readonly OutlineTask[];
}

export interface OutlineGroup {
  readonly kind: 'group';
  readonly key: string;
  /** The heading without its numbering ("6. Quality Checks" → "Quality Checks"). */
  readonly label: string;
  /** The heading as written. */
  readonly heading: string;
  readonly section: number;
  /** Index into `plan.phases` when this section is a phase's roadmap section. */
  readonly phase?: number;
  /** Over every task in the group, hidden ones included. */
  readonly progress: Progress;
  readonly children: readonly OutlineNode[];
}

export type OutlineNode = OutlineTask | OutlineGroup;

export interface OutlineOptions {
  /** Leave out done tasks (a done task stays when a task under it is shown). */
  readonly hideDone?: boolean;
}

/** Heading numbering such as `6.`, `6.1`, `10)` (but not the year of `2025 Goals`). */
const NUMBERING = /^\s*(?:\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+)\s+(?=\S)/;

export function headingLabel(heading: string): string {
  return heading.replace(NUMBERING, '').trim() || heading.trim();
}

export function planOutline(plan: Plan, options: OutlineOptions = {}): OutlineNode[] {
  const { sections, tasks } = plan;
  const phaseByTask = new Map<number, number>();
  const phaseBySection = new Map<number, number>();
  plan.phases.forEach((phase, index) => {
    if (phase.trackingTask >= 0) phaseByTask.set(phase.trackingTask, index);
    if (phase.section >= 0 && !phaseBySection.has(phase.section)) phaseBySection.set(phase.section, index);
  });

  const isTopSection = (s: number): boolean => {
    const section = sections[s];
    return section.level >= 2 && (section.parent < 0 || sections[section.parent].level === 1);
  };
  // The Status Tracking list is its own items; `### Phase …` bodies written under its heading are roadmap.
  const withinTracking = (s: number): boolean => inTracking(plan, s);
  /** [top section, its child on the path to `s` or -1], or undefined for a task outside every group. */
  const placeOf = (s: number): [number, number] | undefined => {
    let child = -1;
    for (let i = s; i >= 0; child = i, i = sections[i].parent) {
      if (isTopSection(i)) return [i, child];
    }
    return undefined;
  };

  const tracking: Task[] = [];
  const loose: Task[] = [];
  const groups = new Map<number, { direct: Task[]; subs: Map<number, Task[]> }>();
  for (const task of tasks) {
    if (task.section >= 0 && plan.trackingSection >= 0 && withinTracking(task.section)) {
      tracking.push(task);
      continue;
    }
    const place = task.section >= 0 ? placeOf(task.section) : undefined;
    if (!place) {
      loose.push(task);
      continue;
    }
    const [top, sub] = place;
    let group = groups.get(top);
    if (!group) groups.set(top, (group = { direct: [], subs: new Map() }));
    if (sub < 0) group.direct.push(task);
    else {
      let list = group.subs.get(sub);
      if (!list) group.subs.set(sub, (list = []));
      list.push(task);
    }
  }

  const taskKeys = keyMaker();
  const groupKeys = keyMaker();
  const hideDone = options.hideDone === true;

  const taskNodes = (bucket: readonly Task[]): OutlineTask[] => {
    const inBucket = new Set(bucket.map((t) => t.index));
    const children = new Map<number, Task[]>();
    const roots: Task[] = [];
    for (const task of bucket) {
      if (task.parent >= 0 && inBucket.has(task.parent)) {
        let list = children.get(task.parent);
        if (!list) children.set(task.parent, (list = []));
        list.push(task);
      } else roots.push(task);
    }
    const build = (task: Task): OutlineTask | undefined => {
      const kids = (children.get(task.index) ?? []).map(build).filter((n): n is OutlineTask => n !== undefined);
      if (hideDone && task.state === 'done' && kids.length === 0) return undefined;
      const phase = phaseByTask.get(task.index);
      return { kind: 'task', key: `t:${taskKeys(withoutDoneAt(task.text).text)}`, task, ...(phase !== undefined ? { phase } : {}), children: kids };
    };
    return roots.map(build).filter((n): n is OutlineTask => n !== undefined);
  };

  const group = (section: number, key: string, children: OutlineNode[], members: readonly Task[]): OutlineGroup | undefined => {
    if (children.length === 0) return undefined;
    const heading = sections[section].text;
    const phase = phaseBySection.get(section);
    return {
      kind: 'group',
      key,
      label: headingLabel(heading),
      heading,
      section,
      ...(phase !== undefined ? { phase } : {}),
      progress: progressOfTasks(members),
      children,
    };
  };

  const nodes: OutlineNode[] = [...taskNodes(tracking), ...taskNodes(loose)];
  for (const [top, { direct, subs }] of [...groups].sort((a, b) => a[0] - b[0])) {
    const topKey = `g:${groupKeys(sections[top].text)}`;
    const children: OutlineNode[] = taskNodes(direct);
    const members = [...direct];
    for (const [sub, list] of [...subs].sort((a, b) => a[0] - b[0])) {
      members.push(...list);
      const subgroup = group(sub, groupKeys(`${topKey}/${sections[sub].text}`), taskNodes(list), list);
      if (subgroup) children.push(subgroup);
    }
    const node = group(top, topKey, children, members);
    if (node) nodes.push(node);
  }
  return nodes;
}

function progressOfTasks(tasks: readonly Task[]): Progress {
  let done = 0;
  let open = 0;
  let inProgress = 0;
  let skipped = 0;
  for (const task of tasks) {
    if (task.state === 'done') done++;
    else if (task.state === 'open') open++;
    else if (task.state === 'inProgress') inProgress++;
    else skipped++;
  }
  return progressOf(done, open, inProgress, skipped);
}

/** Unique keys from texts: the second "Tests" becomes "Tests~2". */
function keyMaker(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count === 1 ? text : `${text}~${count}`;
  };
}

/** Every task node of an outline, depth first. */
export function* outlineTasks(nodes: readonly OutlineNode[]): Generator<OutlineTask> {
  for (const node of nodes) {
    if (node.kind === 'task') yield node;
    yield* outlineTasks(node.children);
  }
}
