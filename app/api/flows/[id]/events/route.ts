import { ZRecordedEventsQuery } from "@/lib/api/flows";
import { handler, parseValue } from "@/server/http/json";
import { services } from "@/server/services/container";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ id: string }> };

/** The run's recorded events matching the inspector's filter, as NDJSON of CloudEvents (a download). */
export const GET = handler(async (request: Request, { params }: Context) => {
  const query = parseValue(
    Object.fromEntries(new URL(request.url).searchParams),
    ZRecordedEventsQuery,
    "query",
  );
  if (!query.ok) return query.response;
  const { limit, ...filter } = query.value;
  const events = await services().recordedEvents((await params).id, filter, limit);
  if (!events.ok) return Response.json(events.body, { status: events.status });
  const body = events.value.map((event) => JSON.stringify(event)).join("\n");
  return new Response(body ? `${body}\n` : "", {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": 'attachment; filename="events.ndjson"',
    },
  });
});
