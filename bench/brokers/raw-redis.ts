import { createClient } from "redis";
import { deleteRedisKeys, REDIS_TEST_URL } from "../../server/brokers/testing/backends";

/**
 * The raw-client loop on Redis: 3 streams, 3 consumer groups; events written with pipelined
 * XADD (1000 per pipeline), each group reading with XREADGROUP (COUNT 512) and acknowledging
 * each batch with XACK. Deliveries/s until every group acknowledged every event.
 */
export async function rawRedisDeliveriesPerSec(events: number): Promise<number> {
  const prefix = `elbench-raw-${process.pid}`;
  const keys = [0, 1, 2].map((p) => `${prefix}:t:${p}`);
  const groups = ["g1", "g2", "g3"];
  const writer = createClient({ url: REDIS_TEST_URL });
  await writer.connect();
  for (const key of keys) for (const g of groups) await writer.xGroupCreate(key, g, "$", { MKSTREAM: true });
  const fields = {
    specversion: "1.0",
    id: "x",
    source: "/shop",
    type: "order.placed",
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    correlationid: "x",
    hopcount: "0",
    data: '{"orderId":"ord_1","quantity":2}',
  };
  let acked = 0;
  const readers = await Promise.all(
    groups.map(async (group) => {
      const client = writer.duplicate();
      await client.connect();
      return { group, client, done: 0 };
    }),
  );
  const started = performance.now();
  const consume = readers.map(async (reader) => {
    while (reader.done < events) {
      const reply = (await reader.client.xReadGroup(
        reader.group,
        "me",
        keys.map((key) => ({ key, id: ">" })),
        { COUNT: 512, BLOCK: 1000 },
      )) as { name: string; messages: { id: string }[] }[] | null;
      for (const stream of reply ?? []) {
        if (stream.messages.length === 0) continue;
        await reader.client.xAck(
          stream.name,
          reader.group,
          stream.messages.map((m) => m.id),
        );
        reader.done += stream.messages.length;
        acked += stream.messages.length;
      }
    }
  });
  for (let start = 0; start < events; start += 1000) {
    const pipeline = writer.multi();
    for (let i = start; i < Math.min(events, start + 1000); i++)
      pipeline.xAdd(keys[i % 3], "*", { ...fields, id: `e${i}` });
    await pipeline.execAsPipeline();
  }
  await Promise.all(consume);
  const seconds = (performance.now() - started) / 1000;
  if (acked !== events * 3) throw new Error(`raw Redis loop acknowledged ${acked} of ${events * 3}`);
  await Promise.all(readers.map((r) => r.client.quit()));
  await writer.quit();
  await deleteRedisKeys(`${prefix}:*`);
  return (events * 3) / seconds;
}
