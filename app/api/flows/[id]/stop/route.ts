import { handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** Stops the flow's run: producers stop, deliveries in hand finish or are recorded. */
export const POST = handler(async (_request: Request, { params }: Context) =>
  respond(await services().stop((await params).id)),
);
