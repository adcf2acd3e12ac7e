/**
 * Editing a plan file on disk without losing anyone's text: the pure algorithm, over a small port
 * the extension (through `workspace.fs`) and the CLI (through Node's `fs`) implement.
 *
 *   read → decode (UTF-8, BOM kept) → compute the edit → write a temporary file next to the plan
 *   → read the plan again → unchanged? rename the temporary file over it : recompute from the new text
 *
 * - The plan is replaced in one step (rename), never truncated and rewritten, so a reader never
 *   sees it empty or half written.
 * - Nothing is written that was not computed from the text the file holds just before the rename:
 *   when another program changed the file after it was read, the temporary file is dropped and the
 *   edit is computed again from the new text (its change is kept), or refused when it no longer fits
 *   (the task is gone). After `maxAttempts` reads that all changed under it, the edit gives up.
 * - The check and the rename are two steps: a write that lands between them is still lost. The
 *   window is one rename call; callers serialise their own writers (see `KeyedQueue`) so only
 *   other programs can hit it.
 *
 * Pure: no `vscode`, no Node built-ins. `TextDecoder`/`TextEncoder` are web standards.
 */
import { applyEdits } from './text';
import type { EditResult } from './types';

/** One plan file as the atomic writer reaches it. `Temp` is the port's handle for a temporary file. */
export interface PlanFilePort<Temp = unknown> {
  /** The file's bytes now. Rejects when it cannot be read (gone, no permission). */
  read(): Promise<Uint8Array>;
  /**
   * Writes `bytes` to a new temporary file in the plan's folder (so the rename stays on one file
   * system), with the plan's mode where the file system has one, and returns its handle.
   */
  writeTemp(bytes: Uint8Array): Promise<Temp>;
  /** Renames the temporary file over the plan, replacing it in one step. */
  replace(temp: Temp): Promise<void>;
  /** Deletes a temporary file that will not be used. Best effort: errors are ignored. */
  remove(temp: Temp): Promise<void>;
}

export type AtomicEditOutcome =
  /** The file now holds the edited text. `recomputed`: another program changed it meanwhile and the edit was computed again. */
  | { readonly kind: 'written'; readonly text: string; readonly attempts: number; readonly recomputed: boolean }
  /** The edit had nothing to change; nothing was written. */
  | { readonly kind: 'unchanged'; readonly attempts: number }
  /** The edit does not fit the file's text (`reason` says why); `recomputed` as above. */
  | { readonly kind: 'refused'; readonly reason: string; readonly attempts: number; readonly recomputed: boolean }
  /** The file is not UTF-8: re-encoding it would change bytes nobody edited. Nothing was written. */
  | { readonly kind: 'notUtf8' }
  /** The file changed between every read and its rename, `attempts` times; nothing was written. */
  | { readonly kind: 'busy'; readonly attempts: number };

export interface AtomicEditOptions {
  /** Reads of the file before giving up when it keeps changing (default 5). */
  readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** A plan file's bytes as text for editing: strict UTF-8, the BOM noted, or undefined when not UTF-8. */
export function decodePlanBytes(bytes: Uint8Array): { readonly text: string; readonly bom: boolean } | undefined {
  const bom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes), bom };
  } catch {
    return undefined;
  }
}

/** The bytes to write for `text`: UTF-8, with a BOM when the file had one. */
export function encodePlanText(text: string, bom: boolean): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  if (!bom) return encoded;
  const out = new Uint8Array(encoded.length + 3);
  out.set(UTF8_BOM);
  out.set(encoded, 3);
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Applies `compute(text)` to the file behind `port` atomically (see the module comment). Port
 * errors (the file cannot be read, the temporary file cannot be written or renamed) reject, after
 * the temporary file is removed.
 */
export async function editFileAtomically<Temp>(
  port: PlanFilePort<Temp>,
  compute: (text: string) => EditResult,
  options: AtomicEditOptions = {},
): Promise<AtomicEditOutcome> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  let bytes = await port.read();
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const recomputed = attempt > 1;
    const decoded = decodePlanBytes(bytes);
    if (!decoded) return { kind: 'notUtf8' };
    const result = compute(decoded.text);
    if (!result.ok) return { kind: 'refused', reason: result.reason, attempts: attempt, recomputed };
    if (result.edits.length === 0) return { kind: 'unchanged', attempts: attempt };
    const text = applyEdits(decoded.text, result.edits);
    const temp = await port.writeTemp(encodePlanText(text, decoded.bom));
    let now: Uint8Array;
    try {
      now = await port.read();
      if (sameBytes(now, bytes)) {
        await port.replace(temp);
        return { kind: 'written', text, attempts: attempt, recomputed };
      }
    } catch (error) {
      await port.remove(temp).catch(() => undefined);
      throw error;
    }
    await port.remove(temp).catch(() => undefined);
    bytes = now;
  }
  return { kind: 'busy', attempts: maxAttempts };
}
