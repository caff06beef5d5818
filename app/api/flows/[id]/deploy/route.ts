import { handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** Runs the saved version of the flow; a running flow is redeployed by diff. */
export const POST = handler(async (_request: Request, { params }: Context) =>
  respond(await services().deploy((await params).id)),
);
