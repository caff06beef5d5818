"use client";

import Link from "next/link";
import type { FlowRecord } from "@/lib/api/flows";
import { LiveRunProvider } from "@/components/realtime/live-context";
import { RunButtons } from "@/components/realtime/run-buttons";
import { Logo } from "@/components/ui/logo";
import { EventInspector } from "./event-inspector";
import { InspectorProvider } from "./inspector-context";
import { ProduceHost } from "@/components/flow-editor/live/produce-host";

/** The inspector on a page of its own (e.g. a second screen beside the designer). */
export function LiveInspectorPage({ flow }: { flow: FlowRecord }) {
  return (
    <LiveRunProvider key={flow.id} flowId={flow.id}>
      <InspectorProvider canProduce={flow.access === "edit"}>
        <div className="flex h-screen flex-col">
          <header className="flex items-center gap-3 border-b border-line bg-surface-raised px-4 py-2">
            <Link href="/" aria-label="Eventloom home">
              <Logo />
            </Link>
            <h1 className="font-semibold">{flow.name}</h1>
            <Link href={`/flows/${flow.id}`} className="text-sm text-accent hover:underline">
              Open in the designer
            </Link>
            <span className="ml-auto" />
            {flow.access === "edit" && <RunButtons flowId={flow.id} />}
          </header>
          <main className="flex min-h-0 flex-1 flex-col">
            <EventInspector nodes={flow.graph.nodes} collapsible={false} className="flex-1 border-t-0" />
          </main>
        </div>
        <ProduceHost graph={flow.graph} />
      </InspectorProvider>
    </LiveRunProvider>
  );
}
