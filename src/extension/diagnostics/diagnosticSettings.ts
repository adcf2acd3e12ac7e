import * as vscode from 'vscode';
import { RULES, type FindingCode, type Severity } from '../../core';
import { CONFIG_SECTION, readSettings } from '../config';

/** What a rule's setting may say: a severity, or `off`. */
export type RuleLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

const LEVELS: ReadonlySet<string> = new Set<RuleLevel>(['error', 'warning', 'information', 'hint', 'off']);

/** The diagnostics settings for one plan (they are resource-scoped: a folder may differ). */
export interface DiagnosticSettings {
  /** `planTracker.diagnostics.enabled` */
  readonly enabled: boolean;
  /** `planTracker.diagnostics.keyFiles`: check Key Files / Files to Create / Files to Modify paths. */
  readonly keyFiles: boolean;
  /** `planTracker.statuses` */
  readonly statuses: readonly string[];
  /** The severity of a finding with `code` (whose core default is `fallback`), or undefined when the rule is off. */
  severity(code: FindingCode, fallback: Severity): vscode.DiagnosticSeverity | undefined;
}

const FROM_CORE: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const FROM_LEVEL: Record<Exclude<RuleLevel, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

/** Reads `planTracker.diagnostics.*` for `scope`. Unknown codes and levels in the rules object are ignored. */
export function readDiagnosticSettings(scope: vscode.ConfigurationScope | null): DiagnosticSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const raw = config.get<unknown>('diagnostics.rules');
  const levels = new Map<string, RuleLevel>();
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [code, level] of Object.entries(raw as Record<string, unknown>)) {
      const normalized = typeof level === 'string' ? (level.toLowerCase() === 'info' ? 'information' : level.toLowerCase()) : '';
      if (KNOWN_CODES.has(code) && LEVELS.has(normalized)) levels.set(code, normalized as RuleLevel);
    }
  }
  return {
    enabled: config.get('diagnostics.enabled') !== false,
    keyFiles: config.get('diagnostics.keyFiles') !== false,
    statuses: readSettings(scope).statuses,
    severity(code, fallback) {
      const level = levels.get(code);
      if (level === 'off') return undefined;
      return level ? FROM_LEVEL[level] : FROM_CORE[fallback];
    },
  };
}

/** Whether a configuration change can change any plan's diagnostics. */
export function affectsDiagnostics(event: vscode.ConfigurationChangeEvent): boolean {
  return ['diagnostics', 'statuses', 'taskMarks'].some((key) => event.affectsConfiguration(`${CONFIG_SECTION}.${key}`));
}

/** `planTracker.codeLens.enabled` for `scope`. */
export function codeLensEnabled(scope: vscode.ConfigurationScope | null): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get('codeLens.enabled') !== false;
}
