import { ZCreateIngestKeyBody } from "@/lib/api/ingest";
import { handler, parseBody, respond } from "@/server/http/json";
import { ingestServices } from "@/server/services/ingest-container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** The flow's ingest keys, by name, hint and last use (never the keys themselves). */
export const GET = handler(async (_request: Request, { params }: Context) =>
  respond(await ingestServices().keys.list((await params).id)),
);

/** A new ingest key; the answer is the only time the key is shown. */
export const POST = handler(async (request: Request, { params }: Context) => {
  const body = await parseBody(request, ZCreateIngestKeyBody);
  if (!body.ok) return body.response;
  return respond(await ingestServices().keys.create((await params).id, body.value.name), 201);
});
