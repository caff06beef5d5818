import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FlowEditor } from "@/components/flow-editor";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const flow = await services().flows.get((await params).id);
  return { title: flow.ok ? flow.value.name : "Flow not found" };
}

export default async function FlowPage({ params }: Props) {
  const flow = await services().flows.get((await params).id);
  if (!flow.ok) notFound();
  return <FlowEditor flow={flow.value} />;
}
