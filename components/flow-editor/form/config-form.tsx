import { useMemo, useState, type ReactNode } from "react";
import type * as z from "@/lib/zod";
import { describeSchema, getAt, messagesByPath, type FieldDescriptor } from "./describe-schema";
import { FIELD_HELP, fieldApplies, fieldLabel, MULTILINE_FIELDS } from "./field-labels";
import { describedBy, FieldHelp, FieldRow, INPUT_CLASS } from "./field-row";
import { NumberInput } from "./number-input";

interface Props {
  idPrefix: string;
  schema: z.ZodMiniType;
  config: Record<string, unknown>;
  onChange: (path: string[], value: unknown) => void;
  /** A field with an editor of its own (payload template); return undefined for the plain one. */
  renderSpecial?: (path: string[], message: string | undefined) => ReactNode | undefined;
}

/** A form generated from a node kind's zod config schema, with the schema's own messages inline. */
export function ConfigForm({ idPrefix, schema, config, onChange, renderSpecial }: Props) {
  const form = useMemo(() => describeSchema(schema), [schema]);
  const messages = useMemo(() => messagesByPath(schema, config), [schema, config]);
  const [localErrors, setLocalErrors] = useState<Record<string, string | null>>({});
  const field = (f: FieldDescriptor): ReactNode => {
    if (!fieldApplies(f.path, config)) return null;
    const key = f.path.join(".");
    const id = `${idPrefix}-${key.replace(/\./g, "-")}`;
    const label = fieldLabel(f.path);
    const help = FIELD_HELP[key];
    const message = localErrors[key] ?? messages.get(key);
    const value = getAt(config, f.path);
    if (f.type === "group") {
      return (
        <fieldset key={key} className="flex flex-col gap-3 rounded-md border border-line p-3">
          <legend className="px-1 text-xs font-semibold text-ink">{label}</legend>
          {f.fields.map(field)}
        </fieldset>
      );
    }
    const special = renderSpecial?.(f.path, message);
    if (special !== undefined) return <div key={key}>{special}</div>;
    let control: ReactNode;
    if (f.type === "number") {
      control = (
        <NumberInput
          id={id}
          value={typeof value === "number" ? value : undefined}
          optional={f.optional}
          min={f.min}
          max={f.max}
          integer={f.integer}
          invalid={!!message}
          help={!!help}
          onChange={(n) => onChange(f.path, n)}
          onLocalError={(m) => setLocalErrors((e) => ({ ...e, [key]: m }))}
        />
      );
    } else if (f.type === "choice") {
      control = (
        <select
          id={id}
          className={INPUT_CLASS}
          aria-describedby={describedBy(id, !!help, false)}
          value={String(value ?? "")}
          onChange={(e) => onChange(f.path, e.target.value)}
        >
          {f.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    } else if (f.type === "toggle") {
      return (
        <div key={key} className="flex flex-col gap-1">
          <label className="flex items-center gap-2 text-sm">
            <input
              id={id}
              type="checkbox"
              className="h-4 w-4 accent-accent"
              checked={value === true}
              aria-describedby={describedBy(id, !!help, false)}
              onChange={(e) => onChange(f.path, e.target.checked)}
            />
            {label}
          </label>
          {help && <FieldHelp id={id} text={help} />}
        </div>
      );
    } else if (MULTILINE_FIELDS.has(key)) {
      control = (
        <textarea
          id={id}
          rows={key === "schema" ? 8 : 3}
          className={`${INPUT_CLASS} font-mono text-xs`}
          value={typeof value === "string" ? value : ""}
          maxLength={f.maxLength}
          aria-invalid={!!message}
          aria-describedby={describedBy(id, !!help, !!message)}
          onChange={(e) => onChange(f.path, f.optional && e.target.value === "" ? undefined : e.target.value)}
        />
      );
    } else {
      control = (
        <input
          id={id}
          className={INPUT_CLASS}
          value={typeof value === "string" ? value : ""}
          maxLength={f.maxLength}
          aria-invalid={!!message}
          aria-describedby={describedBy(id, !!help, !!message)}
          onChange={(e) => onChange(f.path, f.optional && e.target.value === "" ? undefined : e.target.value)}
        />
      );
    }
    return (
      <FieldRow key={key} id={id} label={label} help={help} message={message}>
        {control}
      </FieldRow>
    );
  };
  return (
    <div className="flex flex-col gap-3">{form.type === "group" ? form.fields.map(field) : field(form)}</div>
  );
}
