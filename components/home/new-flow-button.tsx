"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FlowTemplate } from "@/lib/templates";
import { Button } from "@/components/ui/button";
import { createFlow } from "@/lib/api/client";
import { rememberFlow } from "./recent-flows-store";
import { TemplateCards } from "./template-cards";

/** Creates an empty flow, or one from a template card, and opens it in the designer. */
export function NewFlowButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (template?: FlowTemplate) => {
    setBusy(true);
    setError(null);
    try {
      const flow = await createFlow(
        template && template.id !== "empty" ? { name: template.name, graph: template.graph } : {},
      );
      rememberFlow(flow);
      router.push(`/flows/${flow.id}`);
    } catch (e) {
      setError(`Could not create a flow: ${(e as Error).message}. Try again.`);
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col items-start gap-4">
      <Button variant="primary" onClick={() => void create()} disabled={busy} className="px-4 py-2">
        {busy ? "Creating…" : "New flow"}
      </Button>
      {error && (
        <p role="alert" className="text-failed">
          {error}
        </p>
      )}
      <h2 className="text-sm font-semibold text-ink-muted">Or start from a template</h2>
      <TemplateCards busy={busy} onPick={(t) => void create(t)} />
    </div>
  );
}
