import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveInspectorPage } from "@/components/inspector/live-page";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const flow = await services().flows.get((await params).id);
  return { title: flow.ok ? `${flow.value.name} · live` : "Flow not found" };
}

/** The live event inspector of one flow, full page. */
export default async function LiveFlowPage({ params }: Props) {
  const flow = await services().flows.get((await params).id);
  if (!flow.ok) notFound();
  return <LiveInspectorPage flow={flow.value} />;
}
