"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import type { FlowRecord } from "@/lib/api/flows";
import { decodeSnapshot } from "@/lib/share/snapshot";
import { FlowEditor } from "@/components/flow-editor";
import { Logo } from "@/components/ui/logo";

type Read =
  | { state: "reading" }
  | { state: "ok"; flow: FlowRecord; hash: string }
  | { state: "damaged"; message: string };

/** A snapshot as a flow record the designer can show (never stored: it has no id of its own). */
function snapshotRecord(name: string, graph: FlowRecord["graph"], issues: FlowRecord["issues"]): FlowRecord {
  const now = new Date().toISOString();
  return { id: "snapshot", access: "view", name, version: 1, graph, issues, createdAt: now, updatedAt: now };
}

function read(hash: string): Read {
  const result = decodeSnapshot(hash);
  if (!result.ok) return { state: "damaged", message: result.message };
  return {
    state: "ok",
    flow: snapshotRecord(result.snapshot.name, result.snapshot.graph, result.issues),
    hash,
  };
}

/**
 * `/snapshot#v1.…`: the flow carried in the fragment (which the browser never sends to the
 * server), shown read-only with "Save as new flow".
 */
export function SnapshotView() {
  const [snapshot, setSnapshot] = useState<Read>({ state: "reading" });
  useEffect(() => {
    const update = () => {
      const next = read(window.location.hash);
      setSnapshot(next);
      if (next.state === "ok") document.title = `${next.flow.name} (snapshot) · Eventloom`;
    };
    update();
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  if (snapshot.state === "reading")
    return (
      <p role="status" className="p-6 text-ink-muted">
        Opening the snapshot…
      </p>
    );
  if (snapshot.state === "damaged") {
    return (
      <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-6 py-24">
        <Logo size={32} />
        <h1 className="text-2xl font-semibold">This snapshot link cannot be opened</h1>
        <p role="alert" className="text-ink">
          {snapshot.message}.
        </p>
        <p className="text-ink-muted">
          A snapshot carries the whole flow in the link itself, so a link that was cut short or changed on the
          way loses it: the whole link is needed.
        </p>
        <Link href="/" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink">
          Go to Eventloom home
        </Link>
      </main>
    );
  }
  return <FlowEditor key={snapshot.hash} flow={snapshot.flow} mode="snapshot" />;
}
