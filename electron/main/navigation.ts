// Where the app's pages may go. Ours: stay. https: the user's browser. Anything else: nowhere.
import { isAppUrl } from './app-scheme';

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** For a link the user followed (will-navigate, window.open). */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  if (isExternalLinkAllowed(url)) return 'open-external';
  return 'deny';
}

/** Only plain https links go to the OS: no file:, no custom protocol handlers, no credentials. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
