// Entry point of the bundled editor worker (dist/renderer/editor.worker.js).
import 'monaco-editor/editor/editor.worker.js';
