import * as vscode from 'vscode';
import {
  DEFAULT_ALWAYS_PLANS,
  DEFAULT_MARKS,
  DEFAULT_STATUSES,
  isTaskState,
  type ParseOptions,
  type TaskMarkAlphabet,
  type TaskState,
} from '../core';

export const CONFIG_SECTION = 'planTracker';

/** Default of `planTracker.templatePath`: a workspace's own template. */
export const DEFAULT_TEMPLATE_PATH = '.vscode/plan-template.md';

/** The `planTracker.*` settings, read once and checked: what the rest of the extension uses. */
export interface PlanTrackerSettings {
  readonly plansFolder: string;
  readonly templatePath: string;
  /** Whether `templatePath` was set by the user or workspace (rather than left at its default). */
  readonly templatePathIsExplicit: boolean;
  readonly planner: string;
  readonly implementer: string;
  /** Never empty; the first is a new plan's status, the last means completed. */
  readonly statuses: readonly string[];
  readonly taskMarks: TaskMarkAlphabet;
  readonly include: string;
  readonly exclude: readonly string[];
  /** Globs of files that are plans whatever they hold. */
  readonly alwaysPlans: readonly string[];
  /** `planTracker.requireEvidence`: ticking a Status Tracking item needs evidence. */
  readonly requireEvidence: boolean;
}

/**
 * Reads the settings for `scope`: the file or workspace folder they apply to (they are all
 * resource-scoped), or `null` when none is at hand (the workspace's values; VS Code logs a warning
 * for each setting read with no scope given at all, and in a multi-root workspace the folder's
 * value is the one that counts).
 */
export function readSettings(scope: vscode.ConfigurationScope | null): PlanTrackerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const templatePath = config.inspect<string>('templatePath');
  return {
    plansFolder: stringSetting(config.get('plansFolder'), 'docs/plans'),
    templatePath: stringSetting(config.get('templatePath'), DEFAULT_TEMPLATE_PATH),
    templatePathIsExplicit: [
      templatePath?.globalValue,
      templatePath?.workspaceValue,
      templatePath?.workspaceFolderValue,
    ].some((value) => typeof value === 'string' && value.trim() !== ''),
    planner: stringSetting(config.get('planner'), 'Opus 4.5'),
    implementer: stringSetting(config.get('implementer'), 'Sonnet 4.5'),
    statuses: statusesSetting(config.get('statuses')),
    taskMarks: taskMarksSetting(config.get('taskMarks')),
    include: stringSetting(config.get('include'), '**/*.md'),
    exclude: stringArraySetting(config.get('exclude')),
    alwaysPlans: Array.isArray(config.get('alwaysPlans')) ? stringArraySetting(config.get('alwaysPlans')) : DEFAULT_ALWAYS_PLANS,
    requireEvidence: config.get('requireEvidence') === true,
  };
}

/** `planTracker.statusBar.enabled` (a window setting). */
export function statusBarEnabled(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get('statusBar.enabled') !== false;
}

/** The core's parse options for these settings. */
export function parseOptions(settings: PlanTrackerSettings): ParseOptions {
  return { marks: settings.taskMarks };
}

/** Whether a configuration change touches Plan Tracker's settings (optionally one key). */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
  return event.affectsConfiguration(key ? `${CONFIG_SECTION}.${key}` : CONFIG_SECTION);
}

function stringSetting(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function stringArraySetting(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function statusesSetting(value: unknown): readonly string[] {
  const statuses = stringArraySetting(value).map((status) => status.trim());
  return statuses.length > 0 ? statuses : DEFAULT_STATUSES;
}

/** Keeps the well-formed entries (one character → a known state); falls back to the defaults when none is. */
function taskMarksSetting(value: unknown): TaskMarkAlphabet {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return DEFAULT_MARKS;
  }
  const marks: Record<string, TaskState> = {};
  for (const [mark, state] of Object.entries(value as Record<string, unknown>)) {
    if ([...mark].length === 1 && isTaskState(state)) {
      marks[mark] = state;
    }
  }
  return Object.keys(marks).length > 0 ? Object.freeze(marks) : DEFAULT_MARKS;
}
