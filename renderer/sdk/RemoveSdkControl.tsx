// Remove, with a confirmation in place: removing an SDK also drops its build cache.
import { useEffect, useRef, useState } from 'react';
import type { Toolchain } from '../../shared/toolchain';
import { useApp } from '../store/context';
import { formatBytes } from './format';

interface Props {
  toolchain: Toolchain;
  /** A short question (the size goes in its tooltip), for narrow places like the picker. */
  compact?: boolean;
  onConfirmChange?: (confirming: boolean) => void;
}

export function RemoveSdkControl({ toolchain, compact = false, onConfirmChange }: Props) {
  const [confirming, setConfirming] = useState(false);
  const removal = useApp((s) => s.removals[toolchain.version]);
  const removeSdk = useApp((s) => s.removeSdk);
  const tabsUsing = useApp((s) => s.tabs.filter((t) => t.go === toolchain.id || t.go === toolchain.version).length);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const version = toolchain.version;

  const setMode = (next: boolean) => {
    setConfirming(next);
    onConfirmChange?.(next);
  };
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (!toolchain.removable) return null;
  if (removal?.status === 'removing') {
    return (
      <span className="remove-state" data-testid={`removing-${version}`}>
        <span className="spinner" aria-hidden="true" /> Removing…
      </span>
    );
  }
  if (confirming) {
    const size = toolchain.diskBytes !== undefined ? formatBytes(toolchain.diskBytes) : null;
    const usage = tabsUsing > 0 ? `used by ${tabsUsing} tab${tabsUsing === 1 ? '' : 's'}` : null;
    return (
      <span className="remove-confirm" role="group" aria-label={`Remove ${version}?`} onClick={(e) => e.stopPropagation()}>
        <span
          className="remove-question"
          title={`Deletes ${version}${size ? ` (${size})` : ''} and its build cache.${usage ? ` It is ${usage}, which will need another Go.` : ''}`}
        >
          {size && !compact ? `Free ${size}?` : 'Remove?'}
          {usage && <span className="remove-usage">{usage}</span>}
        </span>
        <button
          ref={confirmButton}
          type="button"
          className="mini-button danger"
          data-testid={`confirm-remove-${version}`}
          onClick={() => {
            setMode(false);
            void removeSdk(version);
          }}
        >
          Remove
        </button>
        <button type="button" className="mini-button ghost" data-testid={`keep-${version}`} onClick={() => setMode(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <span className="remove-control">
      {removal?.status === 'error' && (
        <span className="remove-error" role="alert" data-testid={`remove-error-${version}`} title={removal.error ?? undefined}>
          {removal.error}
        </span>
      )}
      <button
        type="button"
        className="mini-button"
        data-testid={`remove-${version}`}
        title={`Remove ${version} and its build cache`}
        onClick={(e) => {
          e.stopPropagation();
          setMode(true);
        }}
      >
        Remove
      </button>
    </span>
  );
}
