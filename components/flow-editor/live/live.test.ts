import { describe, expect, it } from "vitest";
import { emptyGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";
import { ApiRequestError } from "@/lib/api/client";
import { consumerMetrics } from "@/components/realtime/test-fixtures";
import { createEditorStore } from "../store/create-editor-store";
import { emptyHistory } from "@/components/realtime/metrics-history";
import { heldUpByRetries, nodeFigures } from "./node-figures";
import { deployErrorText } from "@/components/realtime/use-deploy-stop";
import { saveBeforeDeploy } from "./run-controls";

const record: FlowRecord = {
  id: "f1",
  access: "edit",
  name: "Test",
  version: 3,
  graph: emptyGraph(),
  issues: [],
  createdAt: "",
  updatedAt: "",
};

describe("node figures", () => {
  it("shows nothing without metrics", () => {
    expect(nodeFigures("consumer", undefined)).toBeNull();
  });

  it("names a consumer's figures for what they count, explains each, and says when it is offline", () => {
    const m = consumerMetrics("email", { lag: 1234, inFlight: 2, online: false });
    m.counts.failed = 5;
    m.rateIn.s1 = 19.5;
    m.rateOut.s1 = 38; // acks and emitted events together: never shown as one figure
    const history = { ...emptyHistory(), ackedRate: [0, 12] };
    const figures = nodeFigures("consumer", m, history)!;
    expect(figures.map(([label, value]) => `${label} ${value}`.trim())).toEqual([
      "acked 12/s",
      "lag 1,234",
      "tries 19.5/s",
      "in flight 2",
      "errors 5",
      "offline",
    ]);
    expect(figures.find(([l]) => l === "errors")![2]).toBe("failed");
    expect(figures.find(([l]) => l === "tries")![3]).toBe(
      "Delivery attempts per second: first tries and retries together",
    );
    for (const figure of figures) expect(figure[3].length).toBeGreaterThan(10);
  });

  it("keeps only the main figures when compact", () => {
    const m = consumerMetrics("email", { lag: 3 });
    expect(nodeFigures("consumer", m, undefined, true)!.map(([l]) => l)).toEqual(["acked"]);
    expect(
      nodeFigures("topic", consumerMetrics("t", { kind: "topic" }), undefined, true)!.map(([l]) => l),
    ).toEqual(["in"]);
  });

  it("says so when retries hold up the partitions and the lag climbs", () => {
    const m = consumerMetrics("email", { lag: 60 });
    const t = [1, 2, 3, 4, 5, 6, 7];
    const climbing = {
      ...emptyHistory(),
      t,
      lag: [0, 10, 20, 30, 40, 50, 60],
      errorRate: [0, 0, 0, 0, 0, 4, 4],
    };
    expect(heldUpByRetries(climbing)).toBe(true);
    const figures = nodeFigures("consumer", m, climbing)!;
    expect(figures.find(([l]) => l === "lag")![2]).toBe("retry");
    expect(figures.map(([, v]) => v)).toContain("retries hold up its partitions");
    // The note takes the place of tries and in flight, so the card stays as tall as before.
    expect(figures.map(([l]) => l)).toEqual(["acked", "lag", "errors", ""]);
    expect(heldUpByRetries({ ...climbing, errorRate: t.map(() => 0) })).toBe(false);
    expect(heldUpByRetries({ ...climbing, lag: t.map(() => 60) })).toBe(false);
  });

  it("shows a topic's incoming rate and stored events, and a paused producer", () => {
    const topic = consumerMetrics("dlq", { kind: "topic" });
    topic.counts.published = 42;
    expect(nodeFigures("topic", topic)!.map(([l, v]) => `${l} ${v}`)).toContain("events 42");
    const producer = consumerMetrics("p", { kind: "producer", paused: true });
    expect(nodeFigures("producer", producer)!.map(([, v]) => v)).toContain("paused");
  });
});
describe("deploying runs the saved version", () => {
  it("deploys at once when everything is saved", async () => {
    expect(await saveBeforeDeploy(createEditorStore(record))).toBeNull();
  });

  it("waits until this person's edits are saved by the server", async () => {
    const store = createEditorStore(record);
    const online = { online: true, synced: true, access: "edit" as const, version: 3, error: null };
    store.getState().setDocStatus({ ...online, unsaved: true });
    const answer = saveBeforeDeploy(store);
    store.getState().setDocStatus({ ...online, unsaved: false, version: 4 });
    expect(await answer).toBeNull();
    expect(store.getState().version).toBe(4);
  });

  it("waits for the shared flow to arrive when asked while still connecting", async () => {
    const store = createEditorStore(record, "edit", { connected: true });
    expect(store.getState().saveStatus).toBe("connecting");
    const answer = saveBeforeDeploy(store);
    store
      .getState()
      .setDocStatus({ online: true, synced: true, access: "edit", unsaved: false, version: 3, error: null });
    expect(await answer).toBeNull();
  });

  it("says the server has not answered when the shared flow never arrives", async () => {
    const store = createEditorStore(record, "edit", { connected: true });
    expect(await saveBeforeDeploy(store, 20)).toBe(
      "Not deployed: the server has not answered yet (Connecting…). Deploy once the flow reads Saved.",
    );
  });

  it("says why it cannot deploy while offline", async () => {
    const store = createEditorStore(record);
    const offline = { online: false, synced: true, access: "edit" as const, version: 3, error: null };
    store.getState().setDocStatus({ ...offline, unsaved: true });
    expect(store.getState().saveStatus).toBe("offline");
    expect(await saveBeforeDeploy(store)).toBe(
      "Not deployed: you are offline. Your edits will sync when the connection is back; deploy then.",
    );
  });

  it("names the server's problems when it refuses", () => {
    const refused = deployErrorText(
      new ApiRequestError(429, {
        error: "This server runs at most 2 flows at once: stop another flow first",
      }),
    );
    expect(refused.title).toBe(
      "Could not deploy: This server runs at most 2 flows at once: stop another flow first",
    );
    const invalid = deployErrorText(
      new ApiRequestError(400, {
        error: "The flow has errors",
        issues: [{ path: "nodes.0", message: "bad" }],
      }),
    );
    expect(invalid.details).toEqual(["nodes.0: bad"]);
  });
});
