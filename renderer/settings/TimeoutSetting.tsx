// The run's wall-clock limit, in seconds; saved with the workspace.
import { useApp } from '../store/context';
import { MAX_TIMEOUT_S, MIN_TIMEOUT_S, selectTimeoutMs } from '../store/settings-slice';
import { NumberField } from './NumberField';

export function TimeoutSetting({ explainInvalid = false }: { explainInvalid?: boolean }) {
  const timeoutMs = useApp(selectTimeoutMs);
  const setTimeoutSeconds = useApp((s) => s.setTimeoutSeconds);
  return (
    <NumberField
      label="Timeout"
      unit="s"
      value={timeoutMs / 1000}
      min={MIN_TIMEOUT_S}
      max={MAX_TIMEOUT_S}
      step={1}
      testId="timeout-seconds"
      inputClassName="timeout-input"
      title={`Stop the program after this many seconds (${MIN_TIMEOUT_S}–${MAX_TIMEOUT_S})`}
      explainInvalid={explainInvalid}
      onCommit={setTimeoutSeconds}
    />
  );
}
