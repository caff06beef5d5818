"use client";

import { useId } from "react";
import { formatSimTime } from "@/lib/scenarios";
import { DraftField, FieldShell, INPUT } from "./draft-field";
import { parseSimTime } from "./scenario-edits";
import { parseNumber, type ParamField } from "./scenario-fields";

type Item = Record<string, unknown>;

/**
 * The parameters of one step or expectation, each a field that writes `item[key]` through
 * `edit` (which answers with the schema's problem, if any). `problemsOf(key)` are the
 * problems validation found at that field.
 */
export function ParamFields({
  fields,
  item,
  edit,
  problemsOf,
  stepCount,
}: {
  fields: readonly ParamField[];
  item: Item;
  edit: (key: string, value: unknown) => string | null;
  problemsOf: (key: string) => string[];
  stepCount: number;
}) {
  return (
    <>
      {fields.map((field) => {
        const current = item[field.key];
        if (field.type === "number")
          return (
            <DraftField
              key={field.key}
              label={field.label}
              inputMode="decimal"
              value={current === undefined ? "" : String(current)}
              problems={problemsOf(field.key)}
              commit={(text) => {
                const parsed = parseNumber(text, field.integer);
                return "error" in parsed ? parsed.error : edit(field.key, parsed.value);
              }}
            />
          );
        if (field.type === "time")
          return (
            <DraftField
              key={field.key}
              label={field.label}
              value={typeof current === "number" ? formatSimTime(current) : ""}
              placeholder={field.optional ? "m:ss (optional)" : "m:ss"}
              problems={problemsOf(field.key)}
              commit={(text) => {
                if (field.optional && text.trim() === "") return edit(field.key, undefined);
                const ms = parseSimTime(text);
                return ms === null ? "type a time such as 2:30, 90s or 5m" : edit(field.key, ms);
              }}
            />
          );
        return (
          <ChoiceField
            key={field.key}
            label={field.label}
            value={String(current ?? "")}
            problems={problemsOf(field.key)}
            options={
              field.type === "choice"
                ? field.options.map((o) => ({ value: o, label: o }))
                : Array.from({ length: Math.max(stepCount, Number(current ?? 0) + 1) }, (_, i) => ({
                    value: String(i),
                    label: i < stepCount ? `Step ${i + 1}` : `Step ${i + 1} (missing)`,
                  }))
            }
            onChange={(value) => edit(field.key, field.type === "step" ? Number(value) : value)}
          />
        );
      })}
    </>
  );
}

/** A labelled select; its problems are read out with it. */
export function ChoiceField({
  label,
  value,
  options,
  onChange,
  problems = [],
  className,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  problems?: readonly string[];
  className?: string;
}) {
  const id = useId();
  return (
    <FieldShell label={label} problems={problems} htmlFor={id} className={className}>
      <select
        id={id}
        className={INPUT}
        value={value}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
