import type { Faker } from "@faker-js/faker";
import { createEvent, type EventEnvelope } from "@/lib/events/envelope";
import { compileTemplate } from "@/lib/events/template";
import type { FlowGraph, ProducerConfig } from "@/lib/flow";

const SAMPLE_TIME = Date.UTC(2025, 0, 15, 9, 30, 0);

/** One event as the producer would publish it, from its payload template and a seed. */
export function sampleEvent(
  config: Pick<ProducerConfig, "payloadTemplate" | "eventType" | "source">,
  seed: number,
  makeFaker: (seed: number) => Faker,
): { ok: true; event: EventEnvelope } | { ok: false; message: string } {
  const template = compileTemplate(config.payloadTemplate);
  if (!template.ok) return { ok: false, message: template.message };
  const faker = makeFaker(seed);
  try {
    const data = template.render({ faker, nowMs: SAMPLE_TIME, seq: seed });
    return {
      ok: true,
      event: createEvent({
        id: faker.string.uuid(),
        source: config.source,
        type: config.eventType,
        timeMs: SAMPLE_TIME,
        data,
      }),
    };
  } catch (error) {
    return { ok: false, message: `the filled-in template is not valid JSON: ${(error as Error).message}` };
  }
}

/** A sample of what arrives on a topic: an event of the first producer that publishes to it. */
export function sampleEventForTopic(
  graph: FlowGraph,
  topicId: string,
  makeFaker: (seed: number) => Faker,
): EventEnvelope | null {
  for (const edge of graph.edges) {
    if (edge.kind !== "publishes" || edge.target !== topicId) continue;
    const producer = graph.nodes.find((n) => n.id === edge.source);
    if (producer?.kind !== "producer") continue;
    const sample = sampleEvent(producer.config, 1, makeFaker);
    if (sample.ok) return sample.event;
  }
  return null;
}
