/**
 * The index's scope: which files it reads (`planTracker.include` / `exclude` / `files.exclude`
 * per workspace folder), which are plans whatever they hold (`planTracker.alwaysPlans`), which
 * open documents it follows, and the parse options per folder.
 */
import type { ParseOptions } from '../../core';
import { combineGlobs, globToRegExp, PathFilter } from '../util/glob';
import type { IndexDocument, IndexFolder, IndexUri, WalkFilter, WorkspacePort } from './port';
import type { PlanIndexSettings } from './types';

interface FolderFilter {
  readonly filter: PathFilter;
  readonly excludeGlob: string | null;
  readonly alwaysPlans: RegExp;
}

/** Where a URI stands: its workspace folder, and whether the include/exclude rules let the index read it. */
export interface UriScope<F> {
  readonly folder?: F;
  readonly eligible: boolean;
  readonly excluded: boolean;
}

export class IndexScope<U extends IndexUri, F extends IndexFolder<U>> {
  private filters = new Map<string, FolderFilter>();
  /** Parse options per workspace folder ('' for documents outside every folder), and their signature. */
  private parseOptions = new Map<string, ParseOptions>();
  private parseOptionsSignature = '';
  /** Bumped when the parse options really change (or a reparse is asked for): every file is parsed again. */
  optionsGeneration = 0;

  constructor(
    private readonly port: WorkspacePort<U, F>,
    private readonly settings: PlanIndexSettings<F>,
    private readonly includeOutsideDocuments: boolean,
    private readonly fileNamesIgnoreCase: boolean,
  ) {}

  /** Reads the settings again (a scan starts); bumps `optionsGeneration` when the parse options changed. */
  reload(): void {
    this.filters = new Map();
    const options = new Map<string, ParseOptions>([['', this.settings.getParseOptions(undefined)]]);
    for (const folder of this.port.folders()) options.set(folder.uri.toString(), this.settings.getParseOptions(folder));
    this.parseOptions = options;
    // Only a real change of the options reparses every file; a plain refresh reports real changes only.
    const signature = JSON.stringify([...options]);
    if (signature !== this.parseOptionsSignature) {
      this.parseOptionsSignature = signature;
      this.optionsGeneration++;
    }
  }

  parseOptionsFor(folder: F | undefined): ParseOptions {
    const key = folder?.uri.toString() ?? '';
    let options = this.parseOptions.get(key);
    if (!options) {
      options = this.settings.getParseOptions(folder);
      this.parseOptions.set(key, options);
    }
    return options;
  }

  /** The include glob of `folder`. */
  includeOf(folder: F): string {
    return this.settings.getInclude(folder);
  }

  /** The exclude globs of `folder` as one glob (null: none). */
  excludeGlobOf(folder: F): string | null {
    return this.filterFor(folder).excludeGlob;
  }

  /**
   * What a walk of `folder` keeps: the files its include and exclude rules let the index read,
   * and no folder an exclude rule covers (nothing below one is read). The index still asks `of()`
   * of each file found: a nested workspace folder's own rules decide for the files in it.
   */
  walkFilterOf(folder: F): WalkFilter {
    const { filter } = this.filterFor(folder);
    return { enter: (relative) => !filter.isExcluded(relative), keep: (relative) => filter.matches(relative) };
  }

  /**
   * How the index parses `uri` (in `folder`, its workspace folder, if any): the folder's parse
   * options, the file's path below the folder (what recognises a plan by its place: a `plans`
   * folder, a Kiro spec; outside every folder, its URI), and `assumePlan` when
   * `planTracker.alwaysPlans` lists it. The one reading of a file for the index, the edit path and
   * the Markdown preview's header, so that all three read the same plan. `fresh`: the folder's
   * settings as they are now, not as the last scan read them (an edit right after a change).
   */
  readingOf(folder: F | undefined, uri: U, fresh = false): ParseOptions {
    const options = fresh ? this.settings.getParseOptions(folder) : this.parseOptionsFor(folder);
    const path = (folder && relativeTo(folder, uri)) ?? uri.toString();
    return folder && this.isAlwaysPlan(folder, uri) ? { ...options, path, assumePlan: true } : { ...options, path };
  }

  /** Whether `uri` matches `planTracker.alwaysPlans` of its folder. */
  isAlwaysPlan(folder: F, uri: U): boolean {
    const relative = relativeTo(folder, uri);
    return relative !== undefined && this.filterFor(folder).alwaysPlans.test(relative);
  }

  /** Which workspace folder `uri` is in, and whether the include/exclude rules let the index read it. */
  of(uri: U): UriScope<F> {
    const folder = this.port.folderOf(uri);
    if (!folder) return { eligible: false, excluded: false };
    const relative = relativeTo(folder, uri);
    if (relative === undefined) return { folder, eligible: false, excluded: false };
    const { filter } = this.filterFor(folder);
    const excluded = filter.isExcluded(relative);
    return { folder, eligible: !excluded && filter.includes(relative), excluded };
  }

  /** Whether an open document belongs in the index. */
  documentEligible(document: IndexDocument<U>): boolean {
    const scope = this.of(document.uri);
    if (scope.folder) return scope.eligible;
    if (!this.includeOutsideDocuments || document.languageId !== 'markdown') return false;
    // Not `git:` (diff views), output channels and the like: only real files and untitled ones.
    const scheme = document.uri.scheme;
    return scheme === 'file' || scheme === 'untitled' || this.port.folders().some((f) => f.uri.scheme === scheme);
  }

  private filterFor(folder: F): FolderFilter {
    const key = folder.uri.toString();
    let entry = this.filters.get(key);
    if (!entry) {
      const exclude = this.settings.getExclude(folder);
      const ignoreCase = folder.uri.scheme === 'file' && this.fileNamesIgnoreCase;
      const alwaysPlans = this.settings.getAlwaysPlans?.(folder) ?? [];
      entry = {
        filter: new PathFilter(this.settings.getInclude(folder), exclude, ignoreCase),
        excludeGlob: combineGlobs(exclude),
        alwaysPlans: alwaysPlans.length ? globToRegExp(alwaysPlans, ignoreCase) : /$^/,
      };
      this.filters.set(key, entry);
    }
    return entry;
  }
}

/** The path of `uri` below `folder`; undefined when it is not below it. */
export function relativeTo(folder: IndexFolder<IndexUri>, uri: IndexUri): string | undefined {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}
