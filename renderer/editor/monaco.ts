// Monaco, bundled: the editor API and its standard features, the Go grammar and nothing else
// (no other languages, no CDN). The editor worker is its own bundled file next to app.js.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import { conf as goConf, language as goLanguage } from 'monaco-editor/languages/definitions/go/go.js';

export { monaco };

export const THEME = 'gopherlab-dark';
export const GO = 'go';

let ready = false;

export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  globalThis.MonacoEnvironment = {
    getWorker: (_workerId: string, label: string) => new Worker(new URL('./editor.worker.js', import.meta.url), { name: label }),
  };
  monaco.languages.register({ id: GO, extensions: ['.go'], aliases: ['Go'] });
  monaco.languages.setMonarchTokensProvider(GO, goLanguage);
  monaco.languages.setLanguageConfiguration(GO, goConf);
  monaco.editor.defineTheme(THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '7FB4FF' },
      { token: 'type', foreground: '4FD6BE' },
      { token: 'identifier', foreground: 'D7DAE0' },
      { token: 'string', foreground: 'C3E88D' },
      { token: 'number', foreground: 'F78C6C' },
      { token: 'comment', foreground: '6B7386', fontStyle: 'italic' },
      { token: 'delimiter', foreground: 'A9B1C0' },
      { token: 'operator', foreground: '89DDFF' },
    ],
    colors: {
      'editor.background': '#181a20',
      'editor.foreground': '#d7dae0',
      'editorLineNumber.foreground': '#4b5263',
      'editorLineNumber.activeForeground': '#aab2c0',
      'editor.lineHighlightBackground': '#1f222a',
      'editor.lineHighlightBorder': '#00000000',
      'editor.selectionBackground': '#2f4f6f',
      'editor.inactiveSelectionBackground': '#2a3340',
      'editorCursor.foreground': '#00add8',
      'editorIndentGuide.background1': '#262a33',
      'editorIndentGuide.activeBackground1': '#3a404c',
      'editorError.foreground': '#ff6b6b',
      'editorWarning.foreground': '#e5c07b',
      'editorGutter.background': '#181a20',
      'scrollbarSlider.background': '#3a404c80',
      'scrollbarSlider.hoverBackground': '#4b5263a0',
      'editorWidget.background': '#20232b',
      'editorWidget.border': '#2e333d',
    },
  });
  return monaco;
}

export const EDITOR_FONT_FAMILY =
  'ui-monospace, "SF Mono", "JetBrains Mono", "Cascadia Code", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';
