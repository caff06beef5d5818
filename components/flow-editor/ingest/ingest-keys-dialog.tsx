"use client";

import { useCallback, useEffect, useState } from "react";
import type { IngestKeySummary, IssuedIngestKey } from "@/lib/api/ingest";
import { createIngestKey, listIngestKeys, revokeIngestKey, rotateIngestKey } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LinkField } from "../share/link-field";
import { INPUT_CLASS } from "../form/field-row";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/**
 * The flow's ingest keys: create one by name (its secret is shown this once), see each key's
 * hint and last use, rotate (a new secret; the old stops at once) or revoke it.
 */
export function IngestKeysDialog({
  flowId,
  open,
  onClose,
}: {
  flowId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [keys, setKeys] = useState<IngestKeySummary[] | null>(null);
  const [issued, setIssued] = useState<IssuedIngestKey | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const load = useCallback(async () => {
    try {
      setKeys(await listIngestKeys(flowId));
    } catch (e) {
      setMessage({ text: `Could not load the keys: ${(e as Error).message}`, error: true });
    }
  }, [flowId]);
  useEffect(() => {
    if (open) void load();
    else setIssued(null);
  }, [open, load]);
  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await work() });
      await load();
    } catch (e) {
      setMessage({ text: `That did not work: ${(e as Error).message}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => {
      const key = await createIngestKey(flowId, name);
      setIssued(key);
      setName("");
      return `Key '${key.name}' created: copy it now, it is not shown again.`;
    });
  const rotate = (k: IngestKeySummary) =>
    act(async () => {
      const key = await rotateIngestKey(flowId, k.id);
      setIssued(key);
      return `Key '${k.name}' rotated: the old secret no longer works. Copy the new one now.`;
    });
  const revoke = (k: IngestKeySummary) =>
    act(async () => {
      await revokeIngestKey(flowId, k.id);
      if (issued?.id === k.id) setIssued(null);
      return `Key '${k.name}' revoked: requests with it are refused from now on.`;
    });
  return (
    <Dialog open={open} title="Ingest keys" onClose={onClose} wide>
      <div className="flex flex-col gap-4">
        <p className="text-xs text-ink-muted">
          An ingest key lets another system send events into this flow&apos;s topics. Only a fingerprint is
          stored: a key is shown once, when it is created or rotated.
        </p>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label className="flex flex-1 flex-col gap-1 text-xs font-medium text-ink-muted">
            New key name
            <input
              className={INPUT_CLASS}
              value={name}
              maxLength={60}
              placeholder="e.g. billing service"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <Button type="submit" variant="primary" disabled={busy || name.trim() === ""}>
            Create key
          </Button>
        </form>
        {issued && (
          <div className="rounded-md border border-acked/40 bg-acked/5 p-2">
            <LinkField
              label={`New ingest key ${issued.name}`}
              value={issued.key}
              hint="Shown only this once."
            />
          </div>
        )}
        {message && (
          <p
            role={message.error ? "alert" : "status"}
            className={`text-xs ${message.error ? "text-failed" : "text-ink"}`}
          >
            {message.text}
          </p>
        )}
        {keys && keys.length === 0 && <p className="text-xs text-ink-muted">No ingest keys yet.</p>}
        {keys && keys.length > 0 && (
          <table className="w-full text-left text-xs" aria-label="Ingest keys of this flow">
            <thead className="text-ink-muted">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Key</th>
                <th className="py-1 font-medium">Last used</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} className="border-t border-line">
                  <td className="py-1.5 pr-2 font-medium text-ink">{k.name}</td>
                  <td className="py-1.5 pr-2 font-mono text-ink-muted">{k.hint}…</td>
                  <td className="py-1.5 pr-2 text-ink-muted tabular-nums">{when(k.lastUsedAt)}</td>
                  <td className="py-1.5 text-right whitespace-nowrap">
                    <Button
                      className="px-2 py-0.5 text-xs"
                      disabled={busy}
                      aria-label={`Rotate key ${k.name}`}
                      onClick={() => void rotate(k)}
                    >
                      Rotate
                    </Button>{" "}
                    <Button
                      variant="danger"
                      className="px-2 py-0.5 text-xs"
                      disabled={busy}
                      aria-label={`Revoke key ${k.name}`}
                      onClick={() => void revoke(k)}
                    >
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Dialog>
  );
}
