// The program's output as it streams: stdout plain, stderr tinted; follows the end unless the
// user scrolled up to read.
import { useLayoutEffect, useRef } from 'react';
import type { OutputChunk } from '../store/run-slice';

export function Console({ chunks, running, truncated }: { chunks: ReadonlyArray<OutputChunk>; running: boolean; truncated: boolean }) {
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [chunks]);

  return (
    <pre
      className="console"
      data-testid="output"
      ref={ref}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {chunks.map((c, i) => (
        <span key={i} className={`chunk ${c.stream}`} data-stream={c.stream}>
          {c.text}
        </span>
      ))}
      {running && <span className="cursor" aria-hidden="true" />}
      {!running && chunks.length === 0 && (
        <span className="chunk note" data-stream="note">
          (no output)
        </span>
      )}
      {truncated && (
        <span className="chunk note" data-stream="note">
          {'\n'}… output truncated at the output limit
        </span>
      )}
    </pre>
  );
}
