"use client";

import { useEffect, useMemo, useState } from "react";
import { encodeSnapshot } from "@/lib/share/snapshot";
import { createViewLink, removeViewLink } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";
import { LinkField } from "./link-field";
import { loadViewToken, saveViewToken } from "./view-link-store";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section
      aria-label={title}
      className="flex flex-col gap-2 border-b border-line pb-4 last:border-b-0 last:pb-0"
    >
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

/** View link: made on demand, shown while this browser remembers it, regenerated or removed. */
function ViewLinkSection({ flowId, origin }: { flowId: string; origin: string }) {
  const [token, setToken] = useState<string | null>(() => loadViewToken(flowId));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const act = async (what: "create" | "regenerate" | "remove") => {
    setBusy(true);
    setMessage(null);
    try {
      if (what === "remove") {
        await removeViewLink(flowId);
        saveViewToken(flowId, null);
        setToken(null);
        setMessage({ text: "The view link is removed: it no longer opens the flow." });
      } else {
        const link = await createViewLink(flowId);
        saveViewToken(flowId, link.token);
        setToken(link.token);
        setMessage({
          text:
            what === "regenerate"
              ? "New view link made: the old one no longer works."
              : "View link made: copy it now and share it.",
        });
      }
    } catch (e) {
      setMessage({ text: `That did not work: ${(e as Error).message}. Try again.`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="View link">
      <p className="text-xs text-ink-muted">
        Read-only: people with it see the canvas and watch the run live, but cannot edit, deploy, stop or
        control it. They can fork their own copy.
      </p>
      {token ? (
        <>
          <LinkField hideLabel label="View link" value={`${origin}/s/${token}`} />
          <div className="flex flex-wrap items-center gap-2">
            <Button disabled={busy} onClick={() => void act("regenerate")}>
              Regenerate view link
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => void act("remove")}>
              Remove view link
            </Button>
          </div>
          <p className="text-xs text-ink-muted">
            Regenerating makes a new link and revokes the old one at once: whoever has it loses access.
          </p>
        </>
      ) : (
        <>
          <div>
            <Button variant="primary" disabled={busy} onClick={() => void act("create")}>
              Create view link
            </Button>
          </div>
          <p className="text-xs text-ink-muted">
            Only its fingerprint is stored, so a link made earlier (or in another browser) cannot be shown
            again. Creating one revokes any earlier view link of this flow.
          </p>
          <button
            type="button"
            className="self-start rounded text-xs text-ink-muted underline hover:text-ink focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
            disabled={busy}
            onClick={() => void act("remove")}
          >
            Revoke any earlier view link
          </button>
        </>
      )}
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          className={`text-xs ${message.error ? "text-failed" : "text-acked"}`}
        >
          {message.text}
        </p>
      )}
    </Section>
  );
}

/** The Share dialog: the edit link, a view link and a snapshot link of the current graph. */
export function ShareDialog() {
  const open = useEditor((s) => s.dialog === "share");
  const editor = useEditorApi();
  const flowId = useEditor((s) => s.flowId);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const close = () => editor.getState().openDialog(null);
  return (
    <Dialog open={open} title="Share this flow" onClose={close} wide>
      {open && <ShareBody flowId={flowId} origin={origin} />}
    </Dialog>
  );
}

function ShareBody({ flowId, origin }: { flowId: string; origin: string }) {
  // The snapshot is of the graph as it is when the dialog opens.
  const editor = useEditorApi();
  const snapshot = useMemo(() => {
    const { name, graph } = editor.getState();
    return `${origin}/snapshot#${encodeSnapshot({ name, graph })}`;
  }, [editor, origin]);
  const kb = Math.max(1, Math.round(snapshot.length / 1024));
  return (
    <div className="flex flex-col gap-4">
      <Section title="Edit link">
        <LinkField hideLabel label="Edit link" value={`${origin}/flows/${flowId}`} />
        <p
          role="note"
          className="flex gap-1.5 rounded-md border border-retry/40 bg-retry/10 px-2 py-1.5 text-xs text-ink"
        >
          <span aria-hidden="true">⚠</span>
          <span>
            <strong>Anyone with this link can edit, deploy and run the flow.</strong> Share it only with
            people you work with; give others the view link.
          </span>
        </p>
      </Section>
      <ViewLinkSection flowId={flowId} origin={origin} />
      <Section title="Snapshot link">
        <p className="text-xs text-ink-muted">
          The graph as it is now, carried inside the link itself (nothing is stored on the server). It opens a
          read-only preview with “Save as new flow”; later edits are not in it.
        </p>
        <LinkField hideLabel label="Snapshot link" value={snapshot} hint={`${kb} KB`} />
      </Section>
    </div>
  );
}
