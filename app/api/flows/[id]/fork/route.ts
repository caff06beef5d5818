import { handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** An editable copy of the flow, for anyone who can see it (also through a view link). */
export const POST = handler(async (_request: Request, { params }: Context) =>
  respond(await services().fork((await params).id), 201),
);
