import { ZCreateFlowBody } from "@/lib/api/flows";
import { handler, parseBody, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";

export const POST = handler(async (request: Request) => {
  const body = await parseBody(request, ZCreateFlowBody, { optional: true });
  if (!body.ok) return body.response;
  return respond(await services().flows.create(body.value), 201);
});
