// Two behaviour classes side by side in Monaco's diff editor, read-only: status, stdout, stderr
// and compile errors, section by section.
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { BehaviourClassInfo } from '../../shared/drift';
import { EDITOR_FONT_FAMILY, monaco, setupMonaco } from '../editor/monaco';
import { classDiffTexts, classSlot } from './matrix-view';

const LINE_HEIGHT = 26;

export function ClassDiff({ a, b, change }: { a: BehaviourClassInfo; b: BehaviourClassInfo; change: string }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const texts = useMemo(() => classDiffTexts(a.behaviour, b.behaviour), [a, b]);
  const lines = Math.max(texts.original.split('\n').length, texts.modified.split('\n').length);
  const height = Math.min(460, Math.max(150, lines * LINE_HEIGHT + 24));

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    setupMonaco();
    const diff = monaco.editor.createDiffEditor(el, {
      // No theme here: Monaco's theme is global and follows the app's (theme/document-theme.ts).
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      // Side by side even in a narrow pane: the two classes are the point.
      useInlineViewWhenSpaceIsLimited: false,
      enableSplitViewResizing: false,
      ignoreTrimWhitespace: false,
      renderOverviewRuler: false,
      overviewRulerLanes: 0,
      hideCursorInOverviewRuler: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      diffWordWrap: 'on',
      fontFamily: EDITOR_FONT_FAMILY,
      fontSize: 17,
      lineHeight: LINE_HEIGHT,
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      renderLineHighlight: 'none',
      contextmenu: false,
      padding: { top: 10, bottom: 10 },
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false },
    });
    editor.current = diff;
    return () => {
      editor.current = null;
      diff.dispose();
    };
  }, []);

  useEffect(() => {
    const diff = editor.current;
    if (!diff) return;
    const original = monaco.editor.createModel(texts.original, 'plaintext');
    const modified = monaco.editor.createModel(texts.modified, 'plaintext');
    diff.setModel({ original, modified });
    return () => {
      // Detach first: a model disposed while the diff editor holds it is an error. On unmount the
      // editor's own cleanup ran first (effects clean up in order) and it holds nothing any more.
      if (editor.current === diff) diff.setModel(null);
      original.dispose();
      modified.dispose();
    };
  }, [texts]);

  return (
    <section
      className="class-diff"
      data-testid="class-diff"
      data-left={a.id}
      data-right={b.id}
      aria-label={`Class ${a.id} compared with class ${b.id}`}
      style={{ '--diff-left': `var(--class-${Math.max(0, classSlot(a.id))})`, '--diff-right': `var(--class-${Math.max(0, classSlot(b.id))})` } as CSSProperties}
    >
      <p className="class-diff-change" data-testid="class-diff-change">
        {change}
      </p>
      <div className="class-diff-heads">
        <DiffHead c={a} side="original" />
        <DiffHead c={b} side="modified" />
      </div>
      <div className="class-diff-editor" ref={host} style={{ height }} />
    </section>
  );
}

function DiffHead({ c, side }: { c: BehaviourClassInfo; side: 'original' | 'modified' }) {
  return (
    <div className={`class-diff-head class-slot-${classSlot(c.id)}`} data-testid={`class-diff-head-${side}`}>
      <span className="class-letter">{c.id}</span>
      <span className="class-diff-label">{c.label}</span>
    </div>
  );
}
