// Monaco has one theme for all its editors: setting it here restyles the code editor and every
// diff view at once.
import { setupMonaco } from '../editor/monaco';

export function setMonacoTheme(name: string): void {
  setupMonaco().editor.setTheme(name);
}
