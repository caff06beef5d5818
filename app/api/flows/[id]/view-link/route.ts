import { handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** A new read-only link to the flow; the previous one stops working at once. */
export const POST = handler(async (_request: Request, { params }: Context) =>
  respond(await services().regenerateViewLink((await params).id), 201),
);

/** Removes the read-only link. */
export const DELETE = handler(async (_request: Request, { params }: Context) =>
  respond(await services().removeViewLink((await params).id)),
);
