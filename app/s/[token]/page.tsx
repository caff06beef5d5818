import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { FlowEditor } from "@/components/flow-editor";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const flow = await services().flows.get((await params).token);
  if (!flow.ok) return { title: "View link no longer valid", robots: { index: false } };
  return {
    title: `${flow.value.name} (view only)`,
    description: `A read-only view of the Eventloom flow “${flow.value.name}”: its graph and, while it runs, its live events.`,
    robots: { index: false },
  };
}

/** A flow through its view link: the designer, read-only, with the live inspector and Fork. */
export default async function SharedFlowPage({ params }: Props) {
  const { token } = await params;
  const flow = await services().flows.get(token);
  if (!flow.ok) notFound();
  // The flow's own id in a view-link URL: whoever has it may edit, so open the real designer.
  if (flow.value.access === "edit") redirect(`/flows/${flow.value.id}`);
  return <FlowEditor flow={flow.value} mode="view" />;
}
