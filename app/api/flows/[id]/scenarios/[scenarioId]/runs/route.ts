import { ZScenarioRunBody } from "@/lib/api/scenarios";
import { handler, parseBody, respond } from "@/server/http/json";
import { scenarioServices } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; scenarioId: string }> };

/** The kept results of the scenario, newest first, each compared with the one before. */
export const GET = handler(async (_request: Request, { params }: Context) => {
  const { id, scenarioId } = await params;
  return respond(await scenarioServices().history(id, scenarioId));
});

/** Starts a run of the saved scenario: 202 with the job to poll. */
export const POST = handler(async (request: Request, { params }: Context) => {
  const body = await parseBody(request, ZScenarioRunBody, { optional: true });
  if (!body.ok) return body.response;
  const { id, scenarioId } = await params;
  return respond(await scenarioServices().run(id, scenarioId, body.value.seed), 202);
});
