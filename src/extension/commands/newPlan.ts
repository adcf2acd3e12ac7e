import * as vscode from 'vscode';
import { errorText, fillTemplate, findPlaceholders, formatDate, slugify, type TemplateVars } from '../../core';
import type { Command } from '../commandManager';
import { readSettings, type PlanTrackerSettings } from '../config';
import { checkPlanTitle, planFileName, relativeSegments, type TitleProblem } from '../planNaming';
import { loadPlanTemplate } from '../templates';
import { encodeText, exists } from '../workspaceFs';

/**
 * Optional arguments of `planTracker.newPlan`, so that tests, other extensions and keybindings
 * can drive every question the command would otherwise ask.
 */
export interface NewPlanArgs {
  /** The feature/task name; the input box is skipped when given. */
  readonly title?: string;
  /** A workspace folder (or a folder inside one) to create the plan in; skips the folder pick. */
  readonly folder?: vscode.Uri | string;
  /** Open the plan in an editor (default `true`). */
  readonly open?: boolean;
  /**
   * What to do when `<plansFolder>/<slug>.md` exists: `ask` (default: "Open Existing" or
   * "Choose Another Name"), `open` it, or `cancel`. The file is never overwritten.
   */
  readonly ifExists?: 'ask' | 'open' | 'cancel';
}

/** "Plan Tracker: New Plan": a plan from the template, saved as `<plansFolder>/<slug>.md`. Resolves to its URI. */
export class NewPlanCommand implements Command {
  readonly id = 'planTracker.newPlan';

  constructor(private readonly extensionUri: vscode.Uri) {}

  async execute(rawArgs?: unknown): Promise<vscode.Uri | undefined> {
    const args = toNewPlanArgs(rawArgs);
    try {
      if (!vscode.workspace.workspaceFolders?.length) {
        return await this.newUntitledPlan(args);
      }
      const folder = await pickFolder(args);
      if (!folder) {
        return undefined;
      }
      return await this.newPlanIn(folder, args);
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Plan Tracker: the plan could not be created. {0}', errorText(error)),
      );
      return undefined;
    }
  }

  private async newPlanIn(folder: vscode.WorkspaceFolder, args: NewPlanArgs): Promise<vscode.Uri | undefined> {
    const settings = readSettings(folder.uri);
    const segments = relativeSegments(settings.plansFolder);
    if (!segments) {
      throw new Error(
        vscode.l10n.t('The setting planTracker.plansFolder ("{0}") must be a folder inside the workspace folder.', settings.plansFolder),
      );
    }
    const plansFolder = vscode.Uri.joinPath(folder.uri, ...segments);
    const fileFor = (title: string) => vscode.Uri.joinPath(plansFolder, planFileName(slugify(title)));

    let title = args.title;
    if (title !== undefined) {
      assertValidTitle(title);
    }
    for (;;) {
      title ??= await askTitle(fileFor, undefined);
      if (title === undefined) {
        return undefined;
      }
      const target = fileFor(title);
      if (!(await exists(target))) {
        return await this.createPlan(target, title.trim(), folder, settings, args);
      }
      const choice = await existingPlanChoice(target, args);
      if (choice === 'open') {
        if (args.open !== false) {
          await vscode.window.showTextDocument(target, { preview: false });
        }
        return target;
      }
      if (choice === 'cancel') {
        return undefined;
      }
      title = await askTitle(fileFor, title);
    }
  }

  private async createPlan(
    target: vscode.Uri,
    title: string,
    folder: vscode.WorkspaceFolder,
    settings: PlanTrackerSettings,
    args: NewPlanArgs,
  ): Promise<vscode.Uri> {
    const template = await loadPlanTemplate(this.extensionUri, folder, settings);
    const text = fillTemplate(template.text, templateVars(title, settings));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    // Checked once more right before writing: the file is never overwritten.
    if (await exists(target)) {
      throw new Error(vscode.l10n.t('{0} was created by someone else meanwhile; it was left as it is.', vscode.workspace.asRelativePath(target)));
    }
    await vscode.workspace.fs.writeFile(target, encodeText(text));
    if (template.warning) {
      void vscode.window.showWarningMessage(template.warning);
    }
    if (args.open !== false) {
      const document = await vscode.workspace.openTextDocument(target);
      await showAtFirstPlaceholder(document);
    }
    return target;
  }

  /** No folder open: say so, and offer the filled template as an untitled document. */
  private async newUntitledPlan(args: NewPlanArgs): Promise<vscode.Uri | undefined> {
    const untitled = vscode.l10n.t('Draft Untitled Plan');
    const openFolder = vscode.l10n.t('Open Folder…');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No folder is open, so there is nowhere to save the plan.'),
      { modal: true, detail: vscode.l10n.t('Open a folder, or draft the plan as an untitled document and save it where you like.') },
      untitled,
      openFolder,
    );
    if (choice === openFolder) {
      await vscode.commands.executeCommand('workbench.action.files.openFolder');
      return undefined;
    }
    if (choice !== untitled) {
      return undefined;
    }
    let title = args.title;
    if (title !== undefined) {
      assertValidTitle(title);
    }
    title ??= await askTitle(undefined, undefined);
    if (title === undefined) {
      return undefined;
    }
    const settings = readSettings(null);
    const template = await loadPlanTemplate(this.extensionUri, undefined, settings);
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: fillTemplate(template.text, templateVars(title.trim(), settings)),
    });
    if (args.open !== false) {
      await showAtFirstPlaceholder(document);
    }
    return document.uri;
  }
}

function templateVars(title: string, settings: PlanTrackerSettings): TemplateVars {
  return {
    title,
    date: formatDate(new Date()),
    planner: settings.planner,
    implementer: settings.implementer,
    status: settings.statuses[0],
    slug: slugify(title),
  };
}

async function pickFolder(args: NewPlanArgs): Promise<vscode.WorkspaceFolder | undefined> {
  if (args.folder !== undefined) {
    const uri = typeof args.folder === 'string' ? vscode.Uri.parse(args.folder) : args.folder;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      throw new Error(vscode.l10n.t('{0} is not in a folder of this workspace.', uri.toString(true)));
    }
    return folder;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) {
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Which folder should the new plan go in?'),
    ignoreFocusOut: true,
  });
}

/** Asks for the feature/task name. `fileFor` (when there is a folder) lets the box warn about an existing plan. */
async function askTitle(fileFor: ((title: string) => vscode.Uri) | undefined, value: string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('New Plan'),
    prompt: vscode.l10n.t('Name of the feature or task the plan is for'),
    placeHolder: vscode.l10n.t('e.g. Export Reports to CSV'),
    value,
    ignoreFocusOut: true,
    validateInput: async (input) => {
      const problem = titleProblem(input);
      if (problem) {
        return problem;
      }
      if (fileFor && (await exists(fileFor(input)).catch(() => false))) {
        return {
          message: vscode.l10n.t('{0} already exists: you will be asked what to do.', vscode.workspace.asRelativePath(fileFor(input))),
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return undefined;
    },
  });
}

async function existingPlanChoice(target: vscode.Uri, args: NewPlanArgs): Promise<'open' | 'rename' | 'cancel'> {
  if (args.ifExists === 'open' || args.ifExists === 'cancel') {
    return args.ifExists;
  }
  const openExisting = vscode.l10n.t('Open Existing');
  const chooseAnother = vscode.l10n.t('Choose Another Name');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(target)),
    { modal: true, detail: vscode.l10n.t('Plan Tracker never overwrites a file. Open the existing plan, or choose another name for the new one.') },
    openExisting,
    chooseAnother,
  );
  return choice === openExisting ? 'open' : choice === chooseAnother ? 'rename' : 'cancel';
}

/** The message for a title that cannot name a plan, `undefined` when it can. */
function titleProblem(title: string): string | undefined {
  const problem = checkPlanTitle(title) ?? (slugify(title) === '' ? 'onlyPunctuation' : undefined);
  return problem && TITLE_PROBLEMS[problem]();
}

function assertValidTitle(title: string): void {
  const problem = titleProblem(title);
  if (problem) {
    throw new Error(problem);
  }
}

const TITLE_PROBLEMS: Record<TitleProblem, () => string> = {
  empty: () => vscode.l10n.t('Enter the name of the feature or task.'),
  pathSeparator: () => vscode.l10n.t('The name becomes a file name: leave out / and \\.'),
  onlyPunctuation: () => vscode.l10n.t('The name needs at least one letter or digit.'),
  tooLong: () => vscode.l10n.t('The name is too long: keep it under 200 characters.'),
};

/** Shows the document with the first template placeholder selected, ready to be typed over. */
async function showAtFirstPlaceholder(document: vscode.TextDocument): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const [first] = findPlaceholders(document.getText());
  if (first) {
    const range = new vscode.Range(first.line, first.start, first.line, first.end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

function toNewPlanArgs(raw: unknown): NewPlanArgs {
  if (typeof raw !== 'object' || raw === null || raw instanceof vscode.Uri || Array.isArray(raw)) {
    return {};
  }
  const value = raw as Record<string, unknown>;
  return {
    title: typeof value.title === 'string' ? value.title : undefined,
    folder: value.folder instanceof vscode.Uri || typeof value.folder === 'string' ? value.folder : undefined,
    open: typeof value.open === 'boolean' ? value.open : undefined,
    ifExists: value.ifExists === 'open' || value.ifExists === 'cancel' || value.ifExists === 'ask' ? value.ifExists : undefined,
  };
}
