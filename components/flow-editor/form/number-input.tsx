import { useEffect, useState } from "react";
import { describedBy, INPUT_CLASS } from "./field-row";

/**
 * A number field that keeps what the person typed while it is not a number yet ("", "1e"),
 * and only hands whole numbers to the graph. Follows the graph again after undo/redo.
 */
export function NumberInput(props: {
  id: string;
  value: number | undefined;
  optional: boolean;
  min?: number;
  max?: number;
  integer: boolean;
  invalid: boolean;
  /** The field has a help line (`<id>-help`). */
  help?: boolean;
  onChange: (value: number | undefined) => void;
  onLocalError: (message: string | null) => void;
}) {
  const { id, value, optional, min, max, integer, invalid, onChange, onLocalError } = props;
  const [draft, setDraft] = useState(value === undefined ? "" : String(value));
  useEffect(() => {
    setDraft((d) => (Number(d) === value && d.trim() !== "" ? d : value === undefined ? "" : String(value)));
  }, [value]);
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === "") {
      if (optional) {
        onLocalError(null);
        onChange(undefined);
      } else onLocalError("enter a number");
      return;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) return onLocalError("must be a number");
    onLocalError(null);
    onChange(n);
  };
  return (
    <input
      id={id}
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      step={integer ? 1 : "any"}
      min={min}
      max={max}
      className={`${INPUT_CLASS} tabular`}
      value={draft}
      aria-invalid={invalid}
      aria-describedby={describedBy(id, props.help ?? false, invalid)}
      onChange={(e) => change(e.target.value)}
    />
  );
}
