import { handler, respond } from "@/server/http/json";
import { scenarioServices } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; jobId: string }> };

/** A scenario run's or forecast's progress, and its result once done. */
export const GET = handler(async (_request: Request, { params }: Context) => {
  const { id, jobId } = await params;
  return respond(await scenarioServices().job(id, jobId));
});

/** Cancels a running scenario run or forecast (it stops at its next slice). */
export const DELETE = handler(async (_request: Request, { params }: Context) => {
  const { id, jobId } = await params;
  return respond(await scenarioServices().cancel(id, jobId));
});
