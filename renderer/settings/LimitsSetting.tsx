// The run's resource limits beside the timeout: memory for both sandboxes, CPUs and processes for
// Docker. A button sums them up; its popover edits them. Saved with the workspace, sent with each run.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/context';
import {
  DEFAULT_CPUS,
  DEFAULT_MEMORY_MIB,
  DEFAULT_OUTPUT_KIB,
  DEFAULT_PIDS,
  MAX_CPUS,
  MAX_MEMORY_MIB,
  MAX_OUTPUT_KIB,
  MAX_PIDS,
  MIN_CPUS,
  MIN_MEMORY_MIB,
  MIN_OUTPUT_KIB,
  MIN_PIDS,
  selectCpus,
  selectMemoryMiB,
  selectOutputKiB,
  selectPids,
} from '../store/settings-slice';
import { selectActiveTab } from '../store/workspace-slice';
import { NumberField } from './NumberField';

export function formatMemory(mib: number): string {
  return mib >= 1024 && mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

export function LimitsSetting() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const docker = useApp((s) => selectActiveTab(s)?.mode === 'docker');
  const memoryMiB = useApp(selectMemoryMiB);
  const outputKiB = useApp(selectOutputKiB);
  const cpus = useApp(selectCpus);
  const pids = useApp(selectPids);
  const setMemoryMiB = useApp((s) => s.setMemoryMiB);
  const setOutputKiB = useApp((s) => s.setOutputKiB);
  const setCpus = useApp((s) => s.setCpus);
  const setPids = useApp((s) => s.setPids);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const isDefault = memoryMiB === DEFAULT_MEMORY_MIB && outputKiB === DEFAULT_OUTPUT_KIB && (!docker || (cpus === DEFAULT_CPUS && pids === DEFAULT_PIDS));
  const summary = docker ? `${formatMemory(memoryMiB)} · ${cpus} CPU${cpus === 1 ? '' : 's'} · ${pids} PIDs` : formatMemory(memoryMiB);

  return (
    <div
      className="limits-setting"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          trigger.current?.focus();
        }
      }}
    >
      <button
        ref={trigger}
        type="button"
        className="limits-trigger"
        data-testid="limits-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Memory, CPUs and processes a run may use"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="field-label">Limits</span>
        <span className="limits-summary" data-testid="limits-summary">
          {summary}
        </span>
        <span className="picker-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="limits-popover" role="dialog" aria-label="Run limits" data-testid="limits-popover">
          <p className="limits-scope">
            For every run in this workspace{docker ? '' : '. CPUs and processes apply in Docker mode'}.
          </p>
          <div className="limits-grid">
            <LimitsFields docker={docker} />
          </div>
          <div className="limits-footer">
            <button
              type="button"
              className="link-button"
              data-testid="limits-reset"
              disabled={isDefault}
              onClick={() => {
                setMemoryMiB(DEFAULT_MEMORY_MIB);
                setOutputKiB(DEFAULT_OUTPUT_KIB);
                if (docker) {
                  setCpus(DEFAULT_CPUS);
                  setPids(DEFAULT_PIDS);
                }
              }}
            >
              Reset to defaults
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** The limit fields with their ranges; CPUs and PIDs only where they apply (Docker). */
export function LimitsFields({ docker, explainInvalid = false }: { docker: boolean; explainInvalid?: boolean }) {
  const memoryMiB = useApp(selectMemoryMiB);
  const outputKiB = useApp(selectOutputKiB);
  const cpus = useApp(selectCpus);
  const pids = useApp(selectPids);
  const setMemoryMiB = useApp((s) => s.setMemoryMiB);
  const setOutputKiB = useApp((s) => s.setOutputKiB);
  const setCpus = useApp((s) => s.setCpus);
  const setPids = useApp((s) => s.setPids);

  return (
    <>
      <NumberField
        label="Memory"
        unit="MiB"
        value={memoryMiB}
        min={MIN_MEMORY_MIB}
        max={MAX_MEMORY_MIB}
        step={16}
        integer
        testId="memory-mib"
        title={`The most memory the program may use (${MIN_MEMORY_MIB}–${MAX_MEMORY_MIB} MiB); more stops it with memory-limit`}
        explainInvalid={explainInvalid}
        onCommit={setMemoryMiB}
      />
      <span className="limits-range">
        {MIN_MEMORY_MIB}–{MAX_MEMORY_MIB}
      </span>
      <NumberField
        label="Output"
        unit="KiB"
        value={outputKiB}
        min={MIN_OUTPUT_KIB}
        max={MAX_OUTPUT_KIB}
        step={64}
        integer
        testId="output-kib"
        title={`The most output the program may write (${MIN_OUTPUT_KIB}–${MAX_OUTPUT_KIB} KiB); more is cut off with output-limit`}
        explainInvalid={explainInvalid}
        onCommit={setOutputKiB}
      />
      <span className="limits-range">
        {MIN_OUTPUT_KIB}–{MAX_OUTPUT_KIB}
      </span>
      {docker && (
        <>
          <NumberField
            label="CPUs"
            unit=""
            value={cpus}
            min={MIN_CPUS}
            max={MAX_CPUS}
            step={0.5}
            testId="cpus"
            title={`CPUs the container may use (${MIN_CPUS}–${MAX_CPUS}; fractions allowed)`}
            explainInvalid={explainInvalid}
            onCommit={setCpus}
          />
          <span className="limits-range">
            {MIN_CPUS}–{MAX_CPUS}
          </span>
          <NumberField
            label="PIDs"
            unit=""
            value={pids}
            min={MIN_PIDS}
            max={MAX_PIDS}
            step={8}
            integer
            testId="pids"
            title={`Processes and threads the container may have (${MIN_PIDS}–${MAX_PIDS})`}
            explainInvalid={explainInvalid}
            onCommit={setPids}
          />
          <span className="limits-range">
            {MIN_PIDS}–{MAX_PIDS}
          </span>
        </>
      )}
    </>
  );
}
