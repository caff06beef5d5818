import { Panel } from "@xyflow/react";
import { Button } from "@/components/ui/button";
import { NARROW_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import { useEditor, useEditorApi } from "../store/editor-context";
import { useAutoLayout } from "./use-auto-layout";

/** Canvas-wide actions over the top-left corner: auto-layout and snap to grid. */
export function CanvasToolbar() {
  const editor = useEditorApi();
  const snap = useEditor((s) => s.snapToGrid);
  const empty = useEditor((s) => s.graph.nodes.length === 0);
  const layout = useAutoLayout();
  // Below 1280 px the palette's "Add" button takes the top-left corner.
  const narrow = useMediaQuery(NARROW_QUERY);
  return (
    <Panel
      position={narrow ? "top-center" : "top-left"}
      className="flex gap-1 rounded-lg border border-line bg-surface-raised p-1 shadow-sm"
    >
      <Button
        variant="ghost"
        className="whitespace-nowrap"
        onClick={layout}
        disabled={empty}
        title="Arrange left to right (Shift+L)"
      >
        Auto-layout
      </Button>
      <Button
        variant="ghost"
        aria-pressed={snap}
        className="whitespace-nowrap max-sm:hidden"
        onClick={() => editor.getState().setSnapToGrid(!snap)}
        title="Snap nodes to a 16 px grid"
      >
        <span
          aria-hidden="true"
          className={`inline-block h-2 w-2 rounded-full ${snap ? "bg-accent" : "border border-ink-muted"}`}
        />
        Snap to grid
      </Button>
    </Panel>
  );
}
