// Monaco ships the Go Monarch grammar without its own typings; this is its shape.
declare module 'monaco-editor/languages/definitions/go/go.js' {
  import type { languages } from 'monaco-editor/editor/editor.api.js';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
