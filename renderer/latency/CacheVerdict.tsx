// The run's compile-cache verdict ("cache hit" / "cache miss"); unfolding it lists what went into
// the cache key, so a user can see why an edit did or did not rebuild.
import { useEffect, useRef, useState } from 'react';
import type { CacheInfo } from '../../shared/run';
import './latency.css';

export function CacheVerdict({ cache }: { cache: CacheInfo }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const inputs = Object.entries(cache.inputs);
  return (
    <div className="cache-verdict" ref={root} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className={`cache-chip ${cache.hit ? 'is-hit' : 'is-miss'}`}
        data-testid="run-cache"
        data-hit={cache.hit}
        aria-expanded={open}
        title={cache.hit ? 'The build came from the compile cache: no compile this run. Click for the key.' : 'Built and stored in the compile cache. Click for the key.'}
        onClick={() => setOpen((o) => !o)}
      >
        {cache.hit ? 'cache hit' : 'cache miss'}
      </button>
      {open && (
        <div className="cache-popover" role="dialog" aria-label="Compile cache key" data-testid="run-cache-details">
          <p className="cache-popover-note">
            {cache.hit
              ? 'An earlier build had the same key, so this run skipped the compile.'
              : 'No build had this key yet; this one is now stored under it. Reformatting or editing comments keeps the key.'}
          </p>
          <dl className="cache-inputs">
            {inputs.map(([k, v]) => (
              <div key={k} className="cache-input" data-testid="run-cache-input">
                <dt>{k}</dt>
                <dd title={v}>{v === '' ? '—' : v}</dd>
              </div>
            ))}
            <div className="cache-input">
              <dt>key</dt>
              <dd title={cache.key} data-testid="run-cache-key">
                {cache.key}
              </dd>
            </div>
          </dl>
        </div>
      )}
    </div>
  );
}
