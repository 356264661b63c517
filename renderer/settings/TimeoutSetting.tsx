// The run's wall-clock limit, in seconds; saved with the workspace.
import { useEffect, useState } from 'react';
import { useApp } from '../store/context';
import { MAX_TIMEOUT_S, MIN_TIMEOUT_S, selectTimeoutMs } from '../store/settings-slice';

export function TimeoutSetting() {
  const timeoutMs = useApp(selectTimeoutMs);
  const setTimeoutSeconds = useApp((s) => s.setTimeoutSeconds);
  const [draft, setDraft] = useState(String(timeoutMs / 1000));

  useEffect(() => setDraft(String(timeoutMs / 1000)), [timeoutMs]);

  const commit = (text: string) => {
    const seconds = Number(text);
    if (text.trim() !== '' && Number.isFinite(seconds) && seconds >= MIN_TIMEOUT_S && seconds <= MAX_TIMEOUT_S) setTimeoutSeconds(seconds);
  };
  const invalid = draft.trim() === '' || !(Number(draft) >= MIN_TIMEOUT_S && Number(draft) <= MAX_TIMEOUT_S);

  return (
    <label className="toolbar-field" title={`Stop the program after this many seconds (${MIN_TIMEOUT_S}–${MAX_TIMEOUT_S})`}>
      <span className="field-label">Timeout</span>
      <input
        type="number"
        className={`timeout-input${invalid ? ' is-invalid' : ''}`}
        data-testid="timeout-seconds"
        min={MIN_TIMEOUT_S}
        max={MAX_TIMEOUT_S}
        step={1}
        value={draft}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          commit(e.target.value);
        }}
        onBlur={() => setDraft(String(timeoutMs / 1000))}
      />
      <span className="field-unit">s</span>
    </label>
  );
}
