interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}

/** A checkbox with its label (the label is the accessible name). */
export function CheckboxField({ label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  return (
    <div className="field field-checkbox">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
