import { describe, expect, it } from "vitest";
import { zeroCounts } from "@/lib/realtime/protocol";
import { toEditorRuntime } from "./editor-runtime-bridge";
import { addEdgeCounts } from "./edge-traffic";
import { consumerMetrics, metricsAt, runStatus } from "./test-fixtures";

describe("toEditorRuntime", () => {
  it("maps exact node metrics and edge traffic to the designer's runtime slice while running", () => {
    const metrics = metricsAt(1_000, [
      consumerMetrics("email", {
        lag: 7,
        counts: { ...zeroCounts(), acked: 40, failed: 3, "retry-scheduled": 2 },
      }),
    ]);
    const edges = addEdgeCounts({}, { e1: { count: 50, failed: 0 } }, 1_000);
    const runtime = toEditorRuntime({ status: runStatus("running"), metrics, edges });
    expect(runtime.deployedVersion).toBe(3);
    expect(runtime.nodes.email).toEqual({
      ratePerSec: 100,
      published: 0,
      acked: 40,
      retried: 2,
      failed: 3,
      filtered: 0,
      lag: 7,
    });
    expect(runtime.edges.e1!.ratePerSec).toBe(50);
  });

  it("shows nothing while the flow is not running", () => {
    expect(
      toEditorRuntime({
        status: runStatus("stopped"),
        metrics: metricsAt(1, [consumerMetrics("email")]),
        edges: {},
      }),
    ).toEqual({ deployedVersion: null, nodes: {}, edges: {} });
  });
});
