import { handler, respond } from "@/server/http/json";
import { ingestServices } from "@/server/services/ingest-container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; keyId: string }> };

/** A new secret for the key (shown once); the old one stops working at once. */
export const POST = handler(async (_request: Request, { params }: Context) => {
  const { id, keyId } = await params;
  return respond(await ingestServices().keys.rotate(id, keyId));
});
