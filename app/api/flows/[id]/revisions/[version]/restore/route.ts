import { jsonError, handler, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; version: string }> };

export const POST = handler(async (_request: Request, { params }: Context) => {
  const { id, version } = await params;
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1)
    return jsonError(400, `Version '${version}' is not a whole number of 1 or more`);
  return respond(await services().flows.restore(id, number));
});
