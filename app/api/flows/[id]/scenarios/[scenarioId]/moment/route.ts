import { ZMomentQuery } from "@/lib/api/scenarios";
import { handler, parseValue, respond } from "@/server/http/json";
import { scenarioServices } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; scenarioId: string }> };

/** The deliveries around one moment of the scenario's run (a deterministic replay), with traces. */
export const GET = handler(async (request: Request, { params }: Context) => {
  const query = parseValue(Object.fromEntries(new URL(request.url).searchParams), ZMomentQuery, "query");
  if (!query.ok) return query.response;
  const { id, scenarioId } = await params;
  return respond(await scenarioServices().moment(id, scenarioId, query.value));
});
