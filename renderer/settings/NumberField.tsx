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
  /** Says what is wrong under the field, not only in its colour (the Settings page). */
  explainInvalid?: boolean;
  onCommit(value: number): void;
}

export function isValidNumber(text: string, min: number, max: number, integer = false): boolean {
  if (text.trim() === '') return false;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
}

/** What an invalid entry is told: the range, and whole numbers when only those will do. */
export function invalidNumberMessage(label: string, min: number, max: number, integer = false): string {
  return `${label}: enter ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}. Until then the last valid value stays in force.`;
}

export function NumberField({ label, unit, value, min, max, step, integer, testId, title, inputClassName, explainInvalid, onCommit }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const invalid = !isValidNumber(draft, min, max, integer);

  const field = (
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
  if (!explainInvalid) return field;
  return (
    <>
      {field}
      {invalid && (
        <p className="inline-error field-error" role="alert" data-testid={`${testId}-invalid`}>
          {invalidNumberMessage(label, min, max, integer)}
        </p>
      )}
    </>
  );
}
