import { services } from "@/server/services/container";
import { appVersion } from "@/server/version";

export const dynamic = "force-dynamic";

/** Liveness and the database's state: 503 when the database cannot take writes. */
export async function GET() {
  const database = await services().storage?.health();
  const ok = database === undefined || database.state === "ok";
  return Response.json(
    { ok, version: appVersion, uptimeSeconds: Math.round(process.uptime()), database },
    { status: ok ? 200 : 503 },
  );
}
