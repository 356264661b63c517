// Where Gopherlab keeps its state. One folder for the app, the server and the CLI alike, so an
// SDK installed from the CLI shows up in the app.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return resolve(explicit);
  if (env.GOPHERLAB_HOME) return resolve(env.GOPHERLAB_HOME);
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Gopherlab');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Gopherlab');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'gopherlab');
  }
}
