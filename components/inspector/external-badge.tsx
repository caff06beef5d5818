/** Marks a delivery of an event that a client outside Eventloom published to the broker. */
export function ExternalBadge() {
  return (
    <span
      title="Published to the broker by a client outside Eventloom"
      className="shrink-0 rounded border border-line px-1 text-xs leading-4 font-normal whitespace-nowrap text-ink-muted"
    >
      external
    </span>
  );
}
