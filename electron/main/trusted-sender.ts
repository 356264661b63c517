// Every IPC call is checked against the window it claims to come from: only our main window's
// top frame, showing a page of ours, may call the contract. (An iframe, a page that navigated
// elsewhere, or another webContents gets `forbidden`.)
import type { WireResult } from '../../shared/contract';
import { isAppUrl } from './app-scheme';

/** What identifies a frame: the renderer process and the frame's id in it, plus where it is. */
export interface FrameIdentity {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

export function checkSender(
  sender: FrameIdentity | null | undefined,
  mainFrame: FrameIdentity | null | undefined,
): SenderCheck {
  if (!sender) return { ok: false, reason: 'the sending frame is gone' };
  if (!mainFrame) return { ok: false, reason: 'there is no main window' };
  if (sender.processId !== mainFrame.processId || sender.routingId !== mainFrame.routingId) {
    return { ok: false, reason: 'the sender is not the main window\'s top frame' };
  }
  if (!isAppUrl(sender.url)) return { ok: false, reason: `the sender is not an app page (${describeUrl(sender.url)})` };
  return { ok: true };
}

export function forbidden(channel: string, reason: string): WireResult<never> {
  return { ok: false, error: { code: 'forbidden', message: `${channel}: refused, ${reason}` } };
}

/** The origin only: a URL can carry tokens in its query we should not log. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}…` : parsed.origin;
  } catch {
    return 'unparseable URL';
  }
}
