import { ZRevisionQuery } from "@/lib/api/flows";
import { handler, parseValue, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

export const GET = handler(async (request: Request, { params }: Context) => {
  const query = parseValue(Object.fromEntries(new URL(request.url).searchParams), ZRevisionQuery, "query");
  if (!query.ok) return query.response;
  return respond(await services().flows.revisions((await params).id, query.value.limit, query.value.before));
});
