import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { connectDoc } from "@/components/realtime/doc-connection";
import { start, topic, until } from "../gateway/testing/coedit-server";
import { coeditCluster, type ServedServer } from "./coedit-servers";

let cluster: Awaited<ReturnType<typeof coeditCluster>>;
beforeAll(async () => {
  cluster = await coeditCluster(connectDoc);
});
afterAll(() => cluster.close());

async function current(server: ServedServer, ref: string) {
  const found = await server.services.flows.get(ref);
  if (!found.ok) throw new Error(found.body.error);
  return found.value;
}
const withNode = (g: FlowGraph, id: string, x: number): FlowGraph => ({
  ...g,
  nodes: [...g.nodes, topic(id, x)],
});
const ids = (g: FlowGraph) => g.nodes.map((n) => n.id);

describe("REST edits of a flow people co-edit on another server of the cluster", () => {
  it("a save through another server is merged into the shared document, and the editors' next save keeps it", async () => {
    const [a, b] = [await cluster.serve("rest-a"), await cluster.serve("rest-b")];
    const created = await a.services.flows.create({ name: "Rest", graph: start });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    const x = await cluster.editor(a, id, "Xia");
    expect(b.services.live.isOpen(id)).toBe(false);

    const base = await current(b, id);
    const saved = await b.services.flows.update(id, {
      graph: withNode(base.graph, "from-api", 700),
      baseVersion: base.version,
    });
    expect(saved.ok).toBe(true);
    // The editor on the holder sees it at once…
    await until(() => ids(x.graph()).includes("from-api"));
    // …and its own next change is saved together with it, not over it.
    x.edit((g) => withNode(g, "from-editor", 900));
    await until(async () =>
      isDeepStrictEqual(ids((await current(b, id)).graph), [...ids(start), "from-api", "from-editor"]),
    );
    // A stale base version is still a 409 for API clients, wherever they send it.
    const stale = await b.services.flows.update(id, { name: "Old", baseVersion: base.version });
    expect(stale.ok ? 200 : stale.status).toBe(409);
  });

  it("a restore through another server reaches the editors too", async () => {
    const [a, b] = [await cluster.serve("restore-a"), await cluster.serve("restore-b")];
    const created = await a.services.flows.create({ name: "Restore", graph: start });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    const x = await cluster.editor(a, id, "Xia");
    x.edit((g) => withNode(g, "later", 500));
    await until(async () => ids((await current(b, id)).graph).includes("later"));
    const restored = await b.services.flows.restore(id, 1);
    expect(restored.ok).toBe(true);
    await until(() => isDeepStrictEqual(ids(x.graph()), ids(start)));
    await until(async () => isDeepStrictEqual(ids((await current(b, id)).graph), ids(start)));
  });
});
