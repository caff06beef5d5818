import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type FlowNode } from "@/lib/flow";
import { iotSensorsGraph } from "@/lib/templates/iot-sensors";
import { nodesOf, readDocGraph } from "@/lib/realtime/flow-doc";
import { writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import { updateMessage } from "@/lib/realtime/doc-messages";
import { parseStoredGraph } from "../services/stored-graph";
import { connectDoc } from "@/components/realtime/doc-connection";
import { coeditServer, settled, start, topic, until } from "./testing/coedit-server";

const { repo, live, flows, services, editor, newFlow, stored } = coeditServer(connectDoc);

describe("co-editing over the gateway", () => {
  it("two editors' concurrent changes converge, and the saved graph is what both hold", async () => {
    const id = await newFlow();
    const [ana, bob] = [await editor(id, "Ana"), await editor(id, "Bob")];
    ana.edit((g) => ({ ...g, nodes: [...g.nodes, topic("payments", 10)] }));
    bob.edit((g) => ({
      ...g,
      nodes: g.nodes.map((n) => (n.id === "p" ? { ...n, position: { x: 50, y: 60 } } : n)),
    }));
    bob.edit((g) => ({
      ...g,
      nodes: g.nodes.map((n) =>
        n.kind === "topic" && n.id === "t" ? { ...n, config: { ...n.config, partitions: 7 } } : n,
      ),
    }));
    await until(settled([ana, bob]));
    const graph = ana.graph();
    expect(graph.nodes.map((n) => n.id)).toEqual(["p", "t", "payments"]);
    expect(graph.nodes[0].position).toEqual({ x: 50, y: 60 });
    expect((graph.nodes[1] as Extract<FlowNode, { kind: "topic" }>).config.partitions).toBe(7);
    await until(async () => isDeepStrictEqual(await stored(id), graph));
    expect(bob.graph()).toEqual(graph);
  });

  it("ten editors at once: everyone converges on every change and the saved graph equals each copy", async () => {
    const id = await newFlow();
    const team = await Promise.all(Array.from({ length: 10 }, (_, i) => editor(id, `Person ${i}`)));
    for (let round = 0; round < 5; round++)
      team.forEach((person, i) =>
        person.edit((g) => {
          const nodes = g.nodes.some((n) => n.id === `t${i}`)
            ? g.nodes.map((n) => (n.id === `t${i}` ? { ...n, position: { x: i, y: round } } : n))
            : [...g.nodes, topic(`t${i}`, i * 10)];
          // Everyone also drags the shared producer: one of them wins, the same for all.
          return {
            ...g,
            nodes: nodes.map((n) => (n.id === "p" ? { ...n, position: { x: round, y: i } } : n)),
          };
        }),
      );
    await until(settled(team));
    const graph = team[0].graph();
    expect(graph.nodes).toHaveLength(12);
    for (let i = 0; i < 10; i++)
      expect(graph.nodes.find((n) => n.id === `t${i}`)?.position).toEqual({ x: i, y: 4 });
    for (const person of team) expect(person.graph()).toEqual(graph);
    await until(async () => isDeepStrictEqual(await stored(id), graph));
  });

  it("a view link's socket sees changes live, and its own changes are refused by the server", async () => {
    const id = await newFlow();
    const link = await services.regenerateViewLink(id);
    if (!link.ok) throw new Error("no view link");
    const ana = await editor(id, "Ana");
    const viewer = await editor(link.value.token, "Viewer");
    expect(viewer.connection.status().access).toBe("view");
    ana.edit((g) => ({ ...g, nodes: [...g.nodes, topic("seen", 1)] }));
    await until(() => viewer.graph().nodes.some((n) => n.id === "seen"));

    // A hand-made change, sent the way an editor would send it.
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(viewer.doc()));
    let change: Uint8Array | null = null;
    rogue.on("update", (u: Uint8Array) => (change = u));
    writeGraphChanges(rogue, readDocGraph(rogue), { ...readDocGraph(rogue), nodes: [] });
    viewer.socket.emit("doc:sync", {
      flowId: link.value.token,
      epoch: viewer.connection.epoch()!,
      message: updateMessage(change!),
    });
    await until(() => viewer.refusals.length > 0);
    expect(viewer.refusals).toEqual(["This is a view-only link: it cannot change the flow"]);
    await new Promise((r) => setTimeout(r, 150));
    expect(ana.graph().nodes.map((n) => n.id)).toEqual(["p", "t", "seen"]);
    expect((await stored(id)).nodes.map((n) => n.id)).toEqual(["p", "t", "seen"]);
  });

  it("a change that breaks the flow's shape is refused and taken back out for everyone", async () => {
    const id = await newFlow();
    const [ana, bob] = [await editor(id, "Ana"), await editor(id, "Bob")];
    ana.doc().transact(() => nodesOf(ana.doc()).get("t")!.set("position", { x: "left", y: 0 }));
    await until(() => ana.refusals.length > 0);
    expect(ana.refusals[0]).toBe(
      "Change refused: node 't' position.x: Invalid input: expected number, received string",
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(ana.graph()).toStrictEqual(start);
    await until(() => isDeepStrictEqual(ana.graph(), start));
    await until(settled([ana, bob]));
    expect(bob.graph()).toEqual(start);
    // A later good change still goes through.
    bob.edit((g) => ({ ...g, nodes: [...g.nodes, topic("after", 5)] }));
    await until(() => ana.graph().nodes.some((n) => n.id === "after"));
    await until(async () => (await stored(id)).nodes.some((n) => n.id === "after"));
    expect((await stored(id)).nodes[1].position).toEqual({ x: 300, y: 0 });
  });

  it("a REST save with the current base version merges into the live document; a stale one gets 409", async () => {
    const id = await newFlow();
    const ana = await editor(id, "Ana");
    ana.edit((g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === "t" ? { ...n, label: "by Ana" } : n)) }));
    await until(() => !ana.connection.status().unsaved);
    const current = await flows.get(id);
    if (!current.ok) throw new Error("no flow");
    const rest = {
      ...current.value.graph,
      nodes: current.value.graph.nodes.map((n) => (n.id === "p" ? { ...n, label: "by the API" } : n)),
    };
    const saved = await flows.update(id, { baseVersion: current.value.version, graph: rest });
    expect(saved.ok).toBe(true);
    await until(() => ana.graph().nodes[0].label === "by the API");
    expect(ana.graph().nodes.map((n) => n.label)).toEqual(["by the API", "by Ana"]);
    const stale = await flows.update(id, { baseVersion: current.value.version, graph: start });
    expect(stale.ok ? 200 : stale.status).toBe(409);
    expect(ana.graph().nodes.map((n) => n.label)).toEqual(["by the API", "by Ana"]);
  });

  it("the last person leaving saves the document and keeps the stretch as a revision naming who edited", async () => {
    const id = await newFlow();
    const [ana, bob] = [await editor(id, "Ana"), await editor(id, "Bob")];
    ana.edit((g) => ({ ...g, nodes: [...g.nodes, topic("one", 1)] }));
    bob.edit((g) => ({ ...g, nodes: [...g.nodes, topic("two", 2)] }));
    await until(settled([ana, bob]));
    const expected = ana.graph();
    ana.connection.close();
    bob.connection.close();
    await until(() => !live.isOpen(id));
    expect(await stored(id)).toEqual(expected);
    const [revision] = await repo.revisions(id, 1);
    expect(JSON.parse(revision.editors).sort()).toEqual(["Ana", "Bob"]);
    expect(parseStoredGraph(revision.graph).graph).toEqual(expected);
  });

  it("a flow's scenarios are kept when people edit it together and it is saved", async () => {
    const created = await flows.create({ name: "Sensors", graph: iotSensorsGraph });
    if (!created.ok) throw new Error("could not create the flow");
    const id = created.value.id;
    const ana = await editor(id, "Ana");
    expect(ana.graph().scenarios).toEqual(iotSensorsGraph.scenarios);
    ana.edit((g) => ({
      ...g,
      nodes: g.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 5, y: 5 } } : n)),
    }));
    await until(settled([ana]));
    await until(async () => (await stored(id)).nodes[0].position.x === 5);
    expect((await stored(id)).scenarios).toEqual(iotSensorsGraph.scenarios);
    ana.connection.close();
    await until(() => !live.isOpen(id));
    expect((await stored(id)).scenarios).toEqual(iotSensorsGraph.scenarios);
  });
});
