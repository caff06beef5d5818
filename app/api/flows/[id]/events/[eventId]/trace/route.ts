import { handler } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; eventId: string }> };

/** The causal trace of one event as JSON (a download): its conversation's events and delivery steps. */
export const GET = handler(async (_request: Request, { params }: Context) => {
  const { id, eventId } = await params;
  const trace = await services().trace(id, eventId);
  if (!trace.ok) return Response.json(trace.body, { status: trace.status });
  const name = eventId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80);
  return Response.json(trace.value, {
    headers: { "content-disposition": `attachment; filename="trace-${name}.json"` },
  });
});
