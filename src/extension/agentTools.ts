/**
 * The plan service as VS Code language model tools (`contributes.languageModelTools`, registered
 * with `vscode.lm.registerTool`): chat agents read and update plans through the same five
 * operations as the CLI and the MCP server. Inside VS Code the tools see unsaved buffers and
 * write through `applyPlanEdit`, so a plan open with unsaved changes is edited in its buffer (one
 * undo step) and the views follow at once. No MCP server definition is registered: a second copy
 * of every tool would confuse the model.
 *
 * No Node built-ins here: the extension must also run in a web worker.
 */
import * as vscode from 'vscode';
import { PlanService, refusalText, TOOLS, type EditResult, type PlanFile, type PlanSettings, type PlanStore, type ServiceResult, type ToolInfo, type WriteOutcome } from '../core';
import { readSettings } from './config';
import type { PlanIndex } from './planIndex/vscodePlanIndex';
import type { WorkspacePlanEditor } from './workspacePlanEditor';

export type PlanToolInput = Record<string, unknown>;

/** What tests see: the service and the registered tool objects (to call `prepareInvocation`/`invoke` without a chat). */
export interface AgentToolsInspector {
  readonly service: PlanService;
  readonly tools: ReadonlyMap<string, vscode.LanguageModelTool<PlanToolInput>>;
}

const HAS_SCHEME = /^[a-z][\w+.-]+:\/\//i;

/** The plan service's port over the workspace: plans from the index, text from open buffers or the disk, edits through `applyPlanEdit`. */
export class WorkspacePlanStore implements PlanStore {
  constructor(
    private readonly index: PlanIndex,
    private readonly editor: WorkspacePlanEditor,
  ) {}

  idOf(uri: vscode.Uri): string {
    return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri) : uri.toString();
  }

  async list(): Promise<readonly PlanFile[]> {
    await this.index.settle();
    const files = await Promise.all(this.index.getPlans().map((p) => this.readUri(p.uri)));
    return files.filter((f): f is PlanFile => f !== undefined);
  }

  async read(ref: string): Promise<PlanFile | undefined> {
    const uri = await this.uriOf(ref);
    return uri ? this.readUri(uri) : undefined;
  }

  async edit(id: string, compute: (text: string) => EditResult, label: string): Promise<WriteOutcome> {
    const uri = await this.uriOf(id);
    if (!uri) return { ok: false, reason: `${id} is no longer in the workspace.` };
    const outcome = await this.editor.edit(uri, (text) => compute(text), { label, quiet: true });
    return outcome.applied ? { ok: true, changed: outcome.changed } : { ok: false, reason: outcome.reason };
  }

  /** A reference as a file: a URI, a plan's workspace-relative path, or a path under a workspace folder that exists. */
  async uriOf(ref: string): Promise<vscode.Uri | undefined> {
    const wanted = ref.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (HAS_SCHEME.test(wanted)) {
      try {
        return vscode.Uri.parse(wanted, true);
      } catch {
        return undefined;
      }
    }
    const indexed = this.index.getPlans().find((p) => this.idOf(p.uri) === wanted);
    if (indexed) return indexed.uri;
    if (!/\.(md|markdown)$/i.test(wanted)) return undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const prefix = `${folder.name}/`;
      const paths = [wanted, ...(wanted.startsWith(prefix) ? [wanted.slice(prefix.length)] : [])];
      for (const p of paths) {
        const uri = vscode.Uri.joinPath(folder.uri, ...p.split('/'));
        try {
          if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) return uri;
        } catch {
          // not in this folder
        }
      }
    }
    return undefined;
  }

  /** The text an edit would start from: an open document's (with its unsaved changes), else the file's. */
  private async readUri(uri: vscode.Uri): Promise<PlanFile | undefined> {
    const key = uri.toString();
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const file = (text: string): PlanFile => (this.index.isAlwaysPlan(uri) ? { id: this.idOf(uri), text, alwaysPlan: true } : { id: this.idOf(uri), text });
    if (document?.isDirty) return file(document.getText());
    try {
      return file(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      return document ? file(document.getText()) : undefined;
    }
  }
}

/** The text a model reads back: the JSON document, or (thrown as an error) the reason and the candidates. */
function resultText(result: ServiceResult): string {
  return result.ok ? JSON.stringify(result) : refusalText(result);
}

class PlanTool implements vscode.LanguageModelTool<PlanToolInput> {
  constructor(
    private readonly info: ToolInfo,
    private readonly service: PlanService,
  ) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<PlanToolInput>): Promise<vscode.PreparedToolInvocation> {
    const preview = await this.service.preview(this.info.name, options.input);
    if (!preview.confirm) return { invocationMessage: preview.message };
    return {
      invocationMessage: preview.message,
      confirmationMessages: { title: this.info.title, message: new vscode.MarkdownString(preview.message) },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<PlanToolInput>): Promise<vscode.LanguageModelToolResult> {
    if (!this.info.readOnly && !vscode.workspace.isTrusted) {
      throw new Error(vscode.l10n.t('Plan Tracker does not change plans in an untrusted workspace. Ask the user to trust the workspace (Manage Workspace Trust), or only read plans with get_plan_status.'));
    }
    const result = await this.service.call(this.info.name, options.input);
    if (!result.ok) throw new Error(resultText(result));
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(resultText(result))]);
  }
}

/** Registers the five tools; every registration goes to the context. */
export function registerAgentTools(context: vscode.ExtensionContext, index: PlanIndex, editor: WorkspacePlanEditor): AgentToolsInspector {
  const store = new WorkspacePlanStore(index, editor);
  const settingsFor = (id: string): PlanSettings => {
    const uri = index.getPlans().find((p) => store.idOf(p.uri) === id)?.uri;
    const settings = readSettings(uri ?? null);
    return { statuses: settings.statuses, marks: settings.taskMarks, requireEvidence: settings.requireEvidence };
  };
  const service = new PlanService(store, { settingsFor });
  const tools = new Map<string, vscode.LanguageModelTool<PlanToolInput>>();
  for (const info of TOOLS) {
    const tool = new PlanTool(info, service);
    tools.set(info.name, tool);
    context.subscriptions.push(vscode.lm.registerTool(info.name, tool));
  }
  return { service, tools };
}
