// A number input for a limit: every valid keystroke is applied at once (and autosaved); an
// invalid one is marked and left for the user to fix; leaving the field shows the value in force.
import { useEffect, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  unit?: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** Whole numbers only. */
  integer?: boolean;
  testId: string;
  title: string;
  inputClassName?: string;
  onCommit(value: number): void;
}

export function isValidNumber(text: string, min: number, max: number, integer = false): boolean {
  if (text.trim() === '') return false;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
}

export function NumberField({ label, unit, value, min, max, step, integer, testId, title, inputClassName, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const invalid = !isValidNumber(draft, min, max, integer);

  return (
    <label className="toolbar-field" title={title}>
      <span className="field-label">{label}</span>
      <input
        type="number"
        className={`number-input${inputClassName ? ` ${inputClassName}` : ''}${invalid ? ' is-invalid' : ''}`}
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          if (isValidNumber(e.target.value, min, max, integer)) onCommit(Number(e.target.value));
        }}
        onBlur={() => setDraft(String(value))}
      />
      {unit !== undefined && <span className="field-unit">{unit}</span>}
    </label>
  );
}
