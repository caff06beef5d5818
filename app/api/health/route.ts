import { appVersion } from "@/server/version";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true, version: appVersion, uptimeSeconds: Math.round(process.uptime()) });
}
