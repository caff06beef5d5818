import { ZVersionNumber } from "@/lib/api/flows";
import { handler, parseValue, respond } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string; version: string }> };

export const POST = handler(async (_request: Request, { params }: Context) => {
  const { id, version } = await params;
  const number = parseValue(version, ZVersionNumber, "version in the path");
  if (!number.ok) return number.response;
  return respond(await services().flows.restore(id, number.value));
});
