import * as vscode from 'vscode';
import { agentSetupFiles, editFileAtomically, planAgentSetup, splitLines, type AgentKind, type AgentSetupPlan, type Launcher } from '../../core';
import type { Command } from '../commandManager';
import type { ExtensionHostInfo } from '../host';
import { WorkspacePlanFile } from '../workspacePlanFile';
import { encodeText, readTextIfExists } from '../workspaceFs';

/** What the command is asked, from the quick pick or (tests, other extensions) as an argument. */
export interface ConnectAgentArgs {
  readonly agents?: readonly AgentKind[];
  readonly hooks?: boolean;
  readonly instructions?: boolean;
  readonly folder?: vscode.Uri;
  /** Skip the "Write" prompt (the preview still opens unless `preview` is false). For tests. */
  readonly confirm?: boolean;
  readonly preview?: boolean;
}

export interface ConnectAgentResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly problems: readonly string[];
}

/** The preview's documents: `plan-tracker-setup:/<before|after>/<path>`. */
const PREVIEW_SCHEME = 'plan-tracker-setup';

/**
 * "Plan Tracker: Connect a Coding Agent…": writes or merges the plan-tracker MCP server into the
 * agent's config (and, when asked, Claude Code's hooks and the instruction block), after showing
 * the change in a diff. The merging is the core's (`planAgentSetup`); files are written atomically
 * after a re-read, and one that changed since the preview is left alone.
 *
 * The agent runs outside VS Code, so it starts the CLI this extension ships: `node <extension>/dist/cli.js`
 * (no npm package needed; running the command again after an update moves the path).
 */
export class ConnectAgentCommand implements Command {
  readonly id = 'planTracker.connectAgent';
  private readonly previews = new Map<string, string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: ExtensionHostInfo,
    subscriptions: vscode.Disposable[],
  ) {
    subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
        provideTextDocumentContent: (uri) => this.previews.get(uri.toString()) ?? '',
      }),
    );
  }

  async execute(args: ConnectAgentArgs = {}): Promise<ConnectAgentResult | undefined> {
    if (this.host.kind === 'web' || this.extensionUri.scheme !== 'file') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Connecting a coding agent needs Plan Tracker installed on the machine the agent runs on: the agent starts its command-line tool. Use `plan-tracker init-agent` there.'),
      );
      return undefined;
    }
    const folder = args.folder ?? (await this.pickFolder());
    if (!folder) return undefined;
    const choice = args.agents ? { agents: args.agents, hooks: args.hooks ?? false, instructions: args.instructions ?? false } : await pickAgents();
    if (!choice || choice.agents.length === 0) return undefined;

    const launcher: Launcher = { command: 'node', args: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'cli.js').fsPath] };
    const texts = new Map<string, string | undefined>();
    for (const rel of agentSetupFiles(choice)) texts.set(rel, await readTextIfExists(vscode.Uri.joinPath(folder, rel)));
    const plan = planAgentSetup({ ...choice, launcher }, (rel) => texts.get(rel));
    const problems = plan.problems.map((p) => p.message);
    if (problems.length > 0) void vscode.window.showWarningMessage(problems.join(' '));
    if (plan.changes.length === 0) {
      if (problems.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('The agent is already connected: nothing to change.'));
      return { written: [], unchanged: plan.unchanged, problems };
    }
    if (args.preview !== false) await this.showPreview(folder, plan);
    if (!args.confirm) {
      const write = vscode.l10n.t('Write {0} Files', plan.changes.length);
      const chosen = await vscode.window.showInformationMessage(
        vscode.l10n.t('Connect a coding agent: {0}', plan.changes.map((c) => `${c.path} (${c.summary})`).join('; ')),
        write,
        vscode.l10n.t('Cancel'),
      );
      if (chosen !== write) return { written: [], unchanged: plan.unchanged, problems };
    }
    const written: string[] = [];
    for (const change of plan.changes) {
      const problem = await writeChange(vscode.Uri.joinPath(folder, change.path), change.before, change.after, this.host);
      if (problem) problems.push(`${change.path}: ${problem}`);
      else written.push(change.path);
    }
    if (problems.length > 0) void vscode.window.showWarningMessage(problems.join(' '));
    else void vscode.window.showInformationMessage(vscode.l10n.t('Plan Tracker wrote {0}. Restart the agent (or reload its MCP servers) to pick it up.', written.join(', ')));
    return { written, unchanged: plan.unchanged, problems };
  }

  private async pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length <= 1) {
      if (folders.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open the project folder first: the agent config goes into it.'));
      return folders[0]?.uri;
    }
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which project should the agent use Plan Tracker in?') }))?.uri;
  }

  /** The whole change in VS Code's multi-file diff editor (one file: the diff editor). */
  private async showPreview(folder: vscode.Uri, plan: AgentSetupPlan): Promise<void> {
    this.previews.clear();
    const side = (which: 'before' | 'after', rel: string, text: string): vscode.Uri => {
      const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${which}/${rel}`, query: folder.toString() });
      this.previews.set(uri.toString(), text);
      return uri;
    };
    const title = vscode.l10n.t('Connect a Coding Agent: {0} files', plan.changes.length);
    const entries = plan.changes.map((c) => [vscode.Uri.joinPath(folder, c.path), side('before', c.path, c.before ?? ''), side('after', c.path, c.after)] as const);
    try {
      await vscode.commands.executeCommand('vscode.changes', title, entries);
    } catch {
      const [, before, after] = entries[0];
      await vscode.commands.executeCommand('vscode.diff', before, after, title);
    }
  }
}

async function pickAgents(): Promise<{ agents: AgentKind[]; hooks: boolean; instructions: boolean } | undefined> {
  type Item = vscode.QuickPickItem & { key: AgentKind | 'hooks' | 'instructions' };
  const items: Item[] = [
    { key: 'claude', label: 'Claude Code', description: '.mcp.json', picked: true },
    { key: 'hooks', label: vscode.l10n.t('Claude Code hooks'), description: '.claude/settings.json', detail: vscode.l10n.t('Stop: refuse to stop while the plan says done and is not; after Edit/Write: warn when open tasks were deleted or reworded'), picked: true },
    { key: 'cursor', label: 'Cursor', description: '.cursor/mcp.json' },
    { key: 'vscode', label: vscode.l10n.t('VS Code MCP server'), description: '.vscode/mcp.json', detail: vscode.l10n.t('Not needed with this extension: it already gives VS Code chat the same tools (adding both shows each tool twice)') },
    { key: 'instructions', label: vscode.l10n.t('Instructions for the agent'), description: 'CLAUDE.md / AGENTS.md', detail: vscode.l10n.t('How to update the plan: tick with the tools, never delete or reword open tasks, give evidence'), picked: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Connect a Coding Agent'), placeHolder: vscode.l10n.t('What should Plan Tracker set up? You see the change before anything is written.') });
  if (!picked) return undefined;
  const keys = new Set(picked.map((p) => p.key));
  const agents = (['claude', 'cursor', 'vscode'] as const).filter((a) => keys.has(a) || (a === 'claude' && keys.has('hooks')));
  return { agents, hooks: keys.has('hooks'), instructions: keys.has('instructions') };
}

/** Writes one file: a new one directly, an existing one atomically and only if it still holds `before`. */
async function writeChange(uri: vscode.Uri, before: string | undefined, after: string, host: ExtensionHostInfo): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return vscode.l10n.t('it has unsaved changes in the editor; save or revert them, then run the command again');
  try {
    if (before === undefined) {
      if ((await readTextIfExists(uri)) !== undefined) return vscode.l10n.t('it was created meanwhile; left untouched, run the command again');
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, encodeText(after));
      return undefined;
    }
    const outcome = await editFileAtomically(new WorkspacePlanFile(uri, host.nativeFileOps), (text) =>
      text === before ? { ok: true, edits: [{ range: wholeText(text), newText: after }] } : { ok: false, reason: vscode.l10n.t('it changed since the preview; left untouched, run the command again') },
    );
    if (outcome.kind === 'written' || outcome.kind === 'unchanged') return undefined;
    return 'reason' in outcome ? outcome.reason : vscode.l10n.t('it could not be written ({0})', outcome.kind);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function wholeText(text: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const lines = splitLines(text);
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}
