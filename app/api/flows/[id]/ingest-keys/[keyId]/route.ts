import { handler, respond } from "@/server/http/json";
import { ingestServices } from "@/server/services/ingest-container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; keyId: string }> };

/** Revokes an ingest key: requests with it are refused from now on. */
export const DELETE = handler(async (_request: Request, { params }: Context) => {
  const { id, keyId } = await params;
  return respond(await ingestServices().keys.revoke(id, keyId));
});
