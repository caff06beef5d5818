"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { createFlow } from "./api-client";
import { rememberFlow } from "./recent-flows-store";

/** Creates an empty flow and opens it in the designer. */
export function NewFlowButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const flow = await createFlow();
      rememberFlow(flow);
      router.push(`/flows/${flow.id}`);
    } catch (e) {
      setError(`Could not create a flow: ${(e as Error).message}. Try again.`);
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="primary" onClick={onClick} disabled={busy} className="px-4 py-2">
        {busy ? "Creating…" : "New flow"}
      </Button>
      {error && <p role="alert" className="text-failed">{error}</p>}
    </div>
  );
}
