"use client";

/** A JSON value as a collapsible tree (native <details>: keyboard and screen readers for free). */
export function JsonTree({ value, label, depth = 0 }: { value: unknown; label?: string; depth?: number }) {
  const key = label !== undefined ? <span className="text-ink-muted">{label}: </span> : null;
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4 font-mono text-xs leading-5 break-all">
        {key}
        <JsonScalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <details open={depth < 3} className="pl-4 font-mono text-xs leading-5">
      <summary className="-ml-4 cursor-pointer select-none marker:text-ink-muted">
        {key}
        {open}
        <span className="text-ink-muted">
          {" "}
          {entries.length} {Array.isArray(value) ? "items" : "keys"}{" "}
        </span>
        {close}
      </summary>
      {entries.map(([k, v]) => (
        <JsonTree key={k} label={k} value={v} depth={depth + 1} />
      ))}
    </details>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === "string") return <span className="text-acked">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="tabular text-producer">{value}</span>;
  if (typeof value === "boolean") return <span className="text-topic">{String(value)}</span>;
  return <span className="text-ink-muted">{value === undefined ? "undefined" : "null"}</span>;
}
