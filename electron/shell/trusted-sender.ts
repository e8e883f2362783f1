// Which IPC messages Berth answers: only those from its own page's top frame.
import { isAppUrl } from './app-origin';

/** What an IPC event says about the frame that sent it. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** True when the message comes from the main frame of a page on Berth's own origin. */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed has no identity left to trust.
  if (frame === null) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
