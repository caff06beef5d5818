import { describe, expect, it } from "vitest";
import { consumerKind } from "./node-kinds/consumer";
import type { FlowGraph } from "./schema";
import { withoutSecrets } from "./secrets";

describe("withoutSecrets", () => {
  it("drops signing secrets and hides header values, leaving everything else", () => {
    const graph: FlowGraph = {
      schemaVersion: 2,
      nodes: [
        {
          id: "c",
          kind: "consumer",
          position: { x: 0, y: 0 },
          config: {
            ...consumerKind.defaults(),
            action: "webhook",
            webhookUrl: "https://hooks.example/in",
            webhookHeaders: "Authorization: Bearer s3cret\nX-Team: billing",
            webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
          },
        },
      ],
      edges: [],
    };
    const shown = withoutSecrets(graph);
    expect(shown.nodes[0].config).toEqual({
      ...consumerKind.defaults(),
      action: "webhook",
      webhookUrl: "https://hooks.example/in",
      webhookHeaders: "Authorization: (hidden)\nX-Team: (hidden)",
    });
    expect(JSON.stringify(shown)).not.toMatch(/s3cret|whsec_/);
    const plain: FlowGraph = { schemaVersion: 2, nodes: [], edges: [] };
    expect(withoutSecrets(plain)).toBe(plain);
  });
});
