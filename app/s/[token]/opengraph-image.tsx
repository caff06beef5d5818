import { flowPreviewResponse, PREVIEW_SIZE } from "@/server/share/flow-preview-image";
import { services } from "@/server/services/container";

export const size = PREVIEW_SIZE;
export const contentType = "image/png";
export const alt = "A picture of the shared flow's graph";

/** The link preview of a view link: the flow's name and graph (or "link no longer valid"). */
export default async function Image({ params }: { params: Promise<{ token: string }> }) {
  const flow = await services().flows.get((await params).token);
  return flowPreviewResponse(flow.ok ? flow.value : null);
}
