const ORIGIN = "Published to the broker by a client outside Eventloom";

/**
 * Marks a delivery of an event that a client outside Eventloom published to the broker. In a
 * table row on a phone it shows "ext" (the word is still what a screen reader hears), so the
 * event type beside it keeps room to be read.
 */
export function ExternalBadge({ compactOnPhone = false }: { compactOnPhone?: boolean }) {
  return (
    <span
      title={ORIGIN}
      className="shrink-0 rounded border border-line px-1 text-xs leading-4 font-normal whitespace-nowrap text-ink-muted"
    >
      {compactOnPhone ? (
        <>
          <span className="max-sm:hidden">external</span>
          <span className="sm:hidden" aria-hidden="true">
            ext
          </span>
          <span className="sr-only sm:hidden">external</span>
        </>
      ) : (
        "external"
      )}
    </span>
  );
}
