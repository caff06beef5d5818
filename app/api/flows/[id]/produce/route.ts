import { ZProduceInput } from "@/lib/api/produce";
import { handler, parseBody, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** Publishes one event made by hand into a topic of the running flow (edit link only). */
export const POST = handler(async (request: Request, { params }: Context) => {
  const body = await parseBody(request, ZProduceInput);
  if (!body.ok) return body.response;
  return respond(await services().produce((await params).id, body.value), 202);
});
