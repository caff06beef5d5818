import { ZNameVersionBody, ZRevisionQuery } from "@/lib/api/flows";
import { handler, parseBody, parseValue, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const GET = handler(async (request: Request, { params }: Context) => {
  const query = parseValue(Object.fromEntries(new URL(request.url).searchParams), ZRevisionQuery, "query");
  if (!query.ok) return query.response;
  return respond(await services().flows.revisions((await params).id, query.value.limit, query.value.before));
});

/** Names the flow as it is now: `{ "label": "Before Black Friday" }` → `{ version, label }`. */
export const POST = handler(async (request: Request, { params }: Context) => {
  const body = await parseBody(request, ZNameVersionBody);
  if (!body.ok) return body.response;
  return respond(await services().flows.nameVersion((await params).id, body.value.label));
});
