import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers } from "@nats-io/transport-node";

/**
 * The raw-client loop on JetStream: one stream with 3 subjects, 3 durable pull consumers;
 * events published (awaiting 1000 publish acks at a time), each consumer fetching batches of up
 * to 512 and acking each message. Deliveries/s until every consumer acked every event.
 */
export async function rawNatsDeliveriesPerSec(events: number): Promise<number> {
  const nc = await connect({ servers: "127.0.0.1:4222" });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `ELBENCHRAW_${process.pid}`;
  const base = `elbenchraw${process.pid}`;
  await jsm.streams.add({ name: stream, subjects: [`${base}.*`] });
  const groups = ["g1", "g2", "g3"];
  for (const g of groups)
    await jsm.consumers.add(stream, {
      durable_name: g,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
    });
  const body = '{"orderId":"ord_1","quantity":2}';
  let acked = 0;
  const started = performance.now();
  const consume = groups.map(async (g) => {
    const consumer = await js.consumers.get(stream, g);
    let done = 0;
    while (done < events) {
      const batch = await consumer.fetch({ max_messages: 512, expires: 1000 });
      for await (const msg of batch) {
        msg.ack();
        done++;
        acked++;
      }
    }
  });
  for (let start = 0; start < events; start += 1000) {
    const pending: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(events, start + 1000); i++) {
      const h = headers();
      for (const [k, v] of Object.entries({
        specversion: "1.0",
        id: `e${i}`,
        source: "/shop",
        type: "order.placed",
      }))
        h.set(`ce-${k}`, v);
      pending.push(js.publish(`${base}.${i % 3}`, body, { headers: h }));
    }
    await Promise.all(pending);
  }
  await Promise.all(consume);
  const seconds = (performance.now() - started) / 1000;
  if (acked !== events * 3) throw new Error(`raw NATS loop acknowledged ${acked} of ${events * 3}`);
  await jsm.streams.delete(stream);
  await nc.close();
  return (events * 3) / seconds;
}
