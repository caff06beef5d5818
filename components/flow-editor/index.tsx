"use client";

import { useEffect } from "react";
import Link from "next/link";
import type { FlowRecord } from "@/lib/api/flows";
import { rememberFlow } from "@/components/home/recent-flows-store";
import { Logo } from "@/components/ui/logo";

/** Placeholder of the designer (its own issue): shows the flow loaded by id. */
export function FlowEditor({ flow }: { flow: FlowRecord }) {
  useEffect(() => rememberFlow(flow), [flow]);
  return (
    <main className="flex h-screen flex-col">
      <header className="flex items-center gap-3 border-b border-line bg-surface-raised px-4 py-2">
        <Link href="/" aria-label="Eventloom home"><Logo /></Link>
        <h1 className="font-semibold">{flow.name}</h1>
        <span className="tabular text-ink-muted">version {flow.version}</span>
      </header>
      <p className="p-6 text-ink-muted">
        {flow.graph.nodes.length} nodes, {flow.graph.edges.length} edges.
      </p>
    </main>
  );
}
