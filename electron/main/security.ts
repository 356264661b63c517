// Electron's security checklist, applied to every webContents and to the default session.
import { shell, type Session, type WebContents } from 'electron';
import { decideNavigation, isExternalLinkAllowed } from './navigation';

/** No camera, microphone, notifications, clipboard-read, … : the IDE needs none of them. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The renderer talks only to the main process; the CSP says so and the session enforces it.
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

/** Called for every webContents the app creates (windows, devtools). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternally(event.url);
  });

  // A redirect is not the user's choice: it may stay on our pages or not happen at all.
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url) !== 'allow') event.preventDefault();
  });
}

function openExternally(url: string): void {
  if (!isExternalLinkAllowed(url)) return;
  shell.openExternal(url).catch((err: unknown) => {
    console.warn(`could not open ${new URL(url).origin} in the browser: ${err instanceof Error ? err.message : String(err)}`);
  });
}
