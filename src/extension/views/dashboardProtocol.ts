/**
 * Checks messages from the dashboard webview before the host acts on them. The page renders
 * text from the workspace, so whatever it sends is treated as untrusted: a message is accepted
 * only when it is a known `type` with fields of the right types and sizes; anything else is
 * dropped (`undefined`). Unknown extra fields are not copied.
 *
 * Pure (no `vscode` import), unit-tested in test/unit/extension/views/dashboardProtocol.test.ts.
 */
import type { WebviewMessage } from '../../shared/protocol';

/** Longest URI and task text accepted (far beyond any real plan; bounds what the host compares). */
const MAX_URI_LENGTH = 4096;
const MAX_TEXT_LENGTH = 10_000;
/** Lines are 0-based; a plan longer than this is not one the index would hold. */
const MAX_LINE = 10_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LINE;
}

function isUri(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_URI_LENGTH && /^[a-z][a-z0-9+.-]*:/i.test(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

/** A single character (one UTF-16 code unit or one surrogate pair), as task marks are. */
function isMark(value: unknown): value is string {
  return typeof value === 'string' && [...value].length === 1 && value !== '\n' && value !== '\r';
}

/** The message as a typed `WebviewMessage`, or undefined when it is not a well-formed one. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'newPlan':
      return { type: 'newPlan' };
    case 'openLocation':
      if (!isUri(value.uri) || !isLine(value.line)) return undefined;
      return { type: 'openLocation', uri: value.uri, line: value.line };
    case 'tickTask':
      if (
        typeof value.requestId !== 'number' ||
        !Number.isSafeInteger(value.requestId) ||
        !isUri(value.uri) ||
        !isLine(value.line) ||
        !isMark(value.mark) ||
        !isText(value.text)
      ) {
        return undefined;
      }
      return { type: 'tickTask', requestId: value.requestId, uri: value.uri, line: value.line, mark: value.mark, text: value.text };
    default:
      return undefined;
  }
}
