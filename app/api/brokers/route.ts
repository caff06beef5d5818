import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";

/** The topic backends of this server (embedded, Redis Streams, NATS JetStream) and whether each is available. */
export function GET() {
  return Response.json({ backends: services().runs.brokerAvailability() });
}
