import { handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** The run's status, deployed version and a metrics snapshot. */
export const GET = handler(async (_request: Request, { params }: Context) =>
  respond(await services().runView((await params).id)),
);
