import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";

/**
 * A save met a newer version (409). Nothing is dropped quietly: the person takes theirs
 * (ours stays one undo step back) or keeps ours, saved as a new version on top of theirs.
 */
export function ConflictDialog() {
  const conflict = useEditor((s) => s.conflict);
  const editor = useEditorApi();
  return (
    <Dialog open={conflict !== null} title="This flow was changed elsewhere" onClose={() => undefined}>
      {conflict && (
        <div className="flex flex-col gap-3 text-sm">
          <p>
            Someone saved version {conflict.version} ({conflict.graph.nodes.length} nodes,{" "}
            {conflict.graph.edges.length} connections) while you were editing. Your changes are not saved yet.
          </p>
          <ul className="list-disc pl-5 text-ink-muted">
            <li>
              <strong className="text-ink">Load their version</strong>: your changes stay one undo step back.
            </li>
            <li>
              <strong className="text-ink">Keep mine</strong>: your graph is saved as a new version after
              theirs; theirs stays in the history.
            </li>
          </ul>
          <div className="flex justify-end gap-2">
            <Button onClick={() => editor.getState().acceptTheirs(conflict)}>Load their version</Button>
            <Button variant="primary" onClick={() => editor.getState().keepMine(conflict)}>
              Keep mine as a new version
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
