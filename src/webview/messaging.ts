/** What the page sends to the host (typed `WebviewMessage`s; the host validates each). */
import type { HostMessage } from '../shared/protocol';
import { host } from './state';

export function openLocation(uri: string, line: number): void {
  host.postMessage({ type: 'openLocation', uri, line });
}

export function requestTick(requestId: number, uri: string, line: number, mark: string, text: string): void {
  host.postMessage({ type: 'tickTask', requestId, uri, line, mark, text });
}

export function requestNewPlan(): void {
  host.postMessage({ type: 'newPlan' });
}

/** Asks for the whole model (at start, and when an `update` names a plan this page never had). */
export function requestModel(): void {
  host.postMessage({ type: 'ready' });
}

/** Calls `handle` with each message from the host that has a `type`. */
export function onHostMessage(handle: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') return;
    handle(data as HostMessage);
  });
}
