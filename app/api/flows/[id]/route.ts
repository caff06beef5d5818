import { ZUpdateFlowBody } from "@/lib/api/flows";
import { handler, parseBody, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const GET = handler(async (_request: Request, { params }: Context) =>
  respond(await services().flows.get((await params).id)),
);

export const PUT = handler(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const body = await parseBody(request, ZUpdateFlowBody);
  if (!body.ok) return body.response;
  return respond(await services().flows.update(id, body.value));
});

export const DELETE = handler(async (_request: Request, { params }: Context) =>
  respond(await services().deleteFlow((await params).id)),
);
