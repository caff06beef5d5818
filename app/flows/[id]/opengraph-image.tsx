import { flowPreviewResponse, PREVIEW_SIZE } from "@/server/share/flow-preview-image";
import { services } from "@/server/services/container";

export const size = PREVIEW_SIZE;
export const contentType = "image/png";
export const alt = "A picture of the flow's graph";

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const flow = await services().flows.get((await params).id);
  return flowPreviewResponse(flow.ok ? flow.value : null);
}
