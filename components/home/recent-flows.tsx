"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { getFlow, updateFlow } from "@/lib/api/client";
import { forgetFlow, loadRecentFlows, renameRecentFlow, type RecentFlow } from "./recent-flows-store";

function RecentFlowRow({ flow, onChange }: { flow: RecentFlow; onChange: () => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(flow.name);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setError("A flow needs a name");
    try {
      const current = await getFlow(flow.id);
      await updateFlow(current.id, { name: trimmed, baseVersion: current.version });
      renameRecentFlow(flow.id, trimmed);
      setEditing(false);
      setError(null);
      onChange();
    } catch (e) {
      setError(`Could not rename: ${(e as Error).message}`);
    }
  };
  return (
    <li className="flex items-center gap-3 border-b border-line px-4 py-2.5 last:border-b-0">
      {editing ? (
        <form className="flex flex-1 items-center gap-2" onSubmit={(e) => (e.preventDefault(), void save())}>
          <input
            aria-label={`New name for ${flow.name}`}
            className="flex-1 rounded-md border border-line bg-surface px-2 py-1"
            value={name}
            autoFocus
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" variant="primary">
            Save
          </Button>
          <Button onClick={() => (setEditing(false), setName(flow.name), setError(null))}>Cancel</Button>
        </form>
      ) : (
        <>
          <Link href={`/flows/${flow.id}`} className="flex-1 truncate font-medium hover:text-accent">
            {flow.name}
          </Link>
          <time className="tabular text-ink-muted" dateTime={new Date(flow.openedAt).toISOString()}>
            {new Date(flow.openedAt).toLocaleString()}
          </time>
          <Button variant="ghost" aria-label={`Rename ${flow.name}`} onClick={() => setEditing(true)}>
            Rename
          </Button>
          <Button
            variant="ghost"
            aria-label={`Remove ${flow.name} from the list`}
            onClick={() => (forgetFlow(flow.id), onChange())}
          >
            Remove
          </Button>
        </>
      )}
      {error && (
        <p role="alert" className="text-failed">
          {error}
        </p>
      )}
    </li>
  );
}

/** The flows this browser created or opened, newest first. */
export function RecentFlows() {
  const [flows, setFlows] = useState<RecentFlow[] | null>(null);
  const reload = () => setFlows(loadRecentFlows());
  useEffect(reload, []);
  if (flows === null) return <div className="h-24" aria-hidden="true" />;
  return (
    <section aria-labelledby="recent-heading" className="rounded-xl border border-line bg-surface-raised">
      <h2 id="recent-heading" className="border-b border-line px-4 py-3 font-semibold">
        Recent flows
      </h2>
      {flows.length === 0 ? (
        <p className="px-4 py-6 text-ink-muted">Flows you create or open in this browser appear here.</p>
      ) : (
        <ul aria-label="Recent flows">
          {flows.map((f) => (
            <RecentFlowRow key={f.id} flow={f} onChange={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
