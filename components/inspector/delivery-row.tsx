import { memo } from "react";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import { ExternalBadge } from "./external-badge";
import { formatLatency, formatTime } from "./format";
import { OutcomeBadge } from "./outcome-badge";

export const ROW_HEIGHT = 28;
export const TABLE_COLUMNS =
  "grid grid-cols-[7.5rem_minmax(9rem,1.4fr)_minmax(10rem,1.3fr)_minmax(8rem,1fr)_4.5rem_minmax(8.5rem,1.2fr)_5rem] gap-x-3 px-3 max-sm:grid-cols-[4.75rem_minmax(0,1fr)_minmax(0,0.8fr)_minmax(5.5rem,1fr)] max-sm:gap-x-2 max-sm:px-2 max-sm:text-xs";
/** Columns a phone leaves out (the event detail still has them): placement, attempt, latency. */
export const PHONE_HIDDEN_COLUMNS = new Set([2, 4, 6]);
const hideOnPhone = (column: number) => (PHONE_HIDDEN_COLUMNS.has(column) ? "max-sm:hidden" : "");

function placement(row: DeliveryRow): string {
  if (!row.topic) return "";
  const at = row.partition === undefined ? "" : ` / p${row.partition}`;
  // Redis Streams and NATS JetStream: the broker's own offset (entry id, stream sequence).
  const offset = row.offset ?? row.brokerOffset;
  return `${row.topic}${at}${offset === undefined ? "" : ` @ ${offset}`}`;
}

interface Props {
  row: DeliveryRow;
  index: number;
  top: number;
  selected: boolean;
  onOpen: (row: DeliveryRow) => void;
  /** Arrow keys: move focus `delta` rows from `index`. */
  onMove: (index: number, delta: number) => void;
}

/** One delivery step of the table; memoised so a batch renders only the rows that are new. */
export const DeliveryRowView = memo(function DeliveryRowView({
  row,
  index,
  top,
  selected,
  onOpen,
  onMove,
}: Props) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      data-at={row.atMs}
      onClick={() => onOpen(row)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") onOpen(row);
        else if (e.key === "ArrowDown" || e.key === "ArrowUp") onMove(index, e.key === "ArrowDown" ? 1 : -1);
        else return;
        e.preventDefault();
      }}
      className={`${TABLE_COLUMNS} absolute inset-x-0 top-0 cursor-pointer items-center border-b border-line/60 text-sm hover:bg-surface-sunken ${selected ? "bg-accent/10" : ""}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="tabular truncate text-ink-muted">
        {formatTime(row.atMs)}
      </span>
      <span role="cell" className="flex min-w-0 items-center gap-1.5 font-medium">
        <span className="truncate" title={row.eventType}>
          {row.eventType}
        </span>
        {row.external && <ExternalBadge compactOnPhone />}
      </span>
      {/* A Redis entry id is long: the whole placement on hover. */}
      <span role="cell" className={`tabular truncate text-topic ${hideOnPhone(2)}`} title={placement(row)}>
        {placement(row)}
      </span>
      {/* In a cluster, which server handled the step (a group may spread over servers). */}
      <span
        role="cell"
        className="flex min-w-0 items-baseline gap-1 text-consumer"
        title={row.server ? `${row.group ? `${row.group} ` : ""}on server ${row.server}` : undefined}
      >
        <span className="truncate">{row.group ?? ""}</span>
        {row.server && <span className="min-w-0 truncate text-xs text-ink-muted">on {row.server}</span>}
      </span>
      <span role="cell" className={`tabular text-right ${hideOnPhone(4)}`}>
        {row.attempt ?? ""}
      </span>
      <span role="cell" className="flex min-w-0 items-center gap-1" title={row.reason}>
        <OutcomeBadge outcome={row.outcome} />
        {/* A drop or failure always says why, right in the row (the detail has it in full). */}
        {row.reason && <span className="truncate text-xs text-ink-muted">{row.reason}</span>}
      </span>
      <span role="cell" className={`tabular text-right text-ink-muted ${hideOnPhone(6)}`}>
        {formatLatency(row.latencyMs)}
      </span>
    </div>
  );
});
