import { useEditor } from "../store/editor-context";

/**
 * The bottom region belongs to the event inspector. Until a flow runs it is one collapsed
 * line that says how to get events here.
 */
export function InspectorBar() {
  const snapshot = useEditor((s) => s.shareMode === "snapshot");
  return (
    <section
      aria-label="Event inspector"
      className="flex h-8 shrink-0 items-center gap-2 border-t border-line bg-surface-raised px-3 text-xs text-ink-muted"
    >
      <span aria-hidden="true" className="inline-block h-1.5 w-1.5 rounded-full bg-filtered" />
      {snapshot
        ? "A snapshot does not run: save it as a new flow to deploy it"
        : "Deploy the flow to watch events here"}
    </section>
  );
}
