// Editor | output, with a draggable divider; the ratio is remembered locally.
import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';

const KEY = 'gopherlab.split';

function initialRatio(): number {
  try {
    const v = Number(localStorage.getItem(KEY));
    if (Number.isFinite(v) && v >= 0.2 && v <= 0.8) return v;
  } catch {
    // Fall through to the default.
  }
  return 0.58;
}

/** `leftHidden` gives the right pane the whole width; the left stays mounted (the editor keeps its state). */
export function SplitPane({ left, right, leftHidden = false }: { left: ReactNode; right: ReactNode; leftHidden?: boolean }) {
  const [ratio, setRatio] = useState(initialRatio);
  const container = useRef<HTMLDivElement>(null);

  const onPointerDown = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const el = container.current;
    if (!el) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    let last = ratio;
    const move = (ev: PointerEvent) => {
      last = Math.min(0.8, Math.max(0.2, (ev.clientX - rect.left) / rect.width));
      setRatio(last);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      try {
        localStorage.setItem(KEY, String(last));
      } catch {
        // Not remembering the split is harmless.
      }
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }, [ratio]);

  return (
    <div className="split" ref={container}>
      <div className="split-pane" style={{ flexBasis: `${ratio * 100}%` }} hidden={leftHidden}>
        {left}
      </div>
      {!leftHidden && <div className="split-handle" role="separator" aria-orientation="vertical" onPointerDown={onPointerDown} />}
      <div className="split-pane grow">{right}</div>
    </div>
  );
}
