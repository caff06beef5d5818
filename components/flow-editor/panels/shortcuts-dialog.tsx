import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";

export const SHORTCUTS: [keys: string, action: string][] = [
  ["Ctrl/⌘ Z", "Undo"],
  ["Ctrl/⌘ Shift Z, Ctrl Y", "Redo"],
  ["Delete, Backspace", "Delete the selection"],
  ["Ctrl/⌘ C", "Copy the selected nodes"],
  ["Ctrl/⌘ V", "Paste"],
  ["Ctrl/⌘ D", "Duplicate the selection"],
  ["Ctrl/⌘ A", "Select everything"],
  ["Shift + drag", "Select with a box"],
  ["Shift + click", "Add to the selection"],
  ["Shift L", "Auto-layout left to right"],
  ["Shift 1", "Fit the flow in view"],
  ["Tab, Shift Tab", "Go through the nodes in flow order, each followed by its connections"],
  ["Enter, Space", "Select the focused node or connection"],
  ["Arrow keys", "Move the selected nodes"],
  ["C", "Connect the focused node to… (lists the nodes it may connect to, and why not the others)"],
  ["Escape", "Clear the selection"],
  ["?", "Show these shortcuts"],
];

/** The "?" sheet: every key the designer answers to. */
export function ShortcutsDialog() {
  const open = useEditor((s) => s.dialog === "shortcuts");
  const editor = useEditorApi();
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={() => editor.getState().openDialog(null)}>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys} className="border-b border-line last:border-0">
              <td className="py-1.5 pr-4">
                <kbd className="rounded border border-line bg-surface-sunken px-1.5 py-0.5 font-mono text-xs">
                  {keys}
                </kbd>
              </td>
              <td className="py-1.5">{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
