import { ZForecastBody } from "@/lib/api/scenarios";
import { handler, parseBody, respond } from "@/server/http/json";
import { scenarioServices } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; scenarioId: string }> };

/** Starts the capacity forecast of the saved scenario: 202 with the job to poll. */
export const POST = handler(async (request: Request, { params }: Context) => {
  const body = await parseBody(request, ZForecastBody, { optional: true });
  if (!body.ok) return body.response;
  const { id, scenarioId } = await params;
  return respond(
    await scenarioServices().forecast(id, scenarioId, body.value.forecast, body.value.seed),
    202,
  );
});
