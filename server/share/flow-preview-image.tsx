import type { FlowRecord } from "@/lib/api/flows";
import { boundedPicture, layoutPicture } from "@/lib/share/graph-picture";
import { plainElement, type PlainNode } from "./plain-element";
import { sharedPreviews } from "./preview-renders";

export const PREVIEW_SIZE = { width: 1200, height: 630 };

/** Kind hues as plain colours (the image renderer knows no CSS variables). */
const HUES = { producer: "#5b6cf0", topic: "#d59a2a", consumer: "#1fa67a" } as const;
const EDGE_COLOURS: Record<string, string> = {
  publishes: "#8b93b8",
  subscribes: "#8b93b8",
  emits: "#8b93b8",
  replies: "#8b93b8",
  "dead-letters": "#e0604f",
};

const unavailable = (message: string, retryAfterS?: number) =>
  new Response(message, {
    status: 503,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      ...(retryAfterS === undefined ? {} : { "Retry-After": String(retryAfterS) }),
    },
  });

const FAILURES: Record<string, string> = {
  "preview-timeout": "This flow's picture took longer to draw than the server allows",
  "preview-out-of-memory": "This flow's picture needed more memory than the server allows",
};

/**
 * The link preview of a flow as PNG bytes: from the per-version cache, else drawn in the
 * preview process when one of the limited slots is free; a 503 with Retry-After when too many
 * wait, or when the picture could not be drawn within the time or memory limit.
 */
export async function flowPreviewResponse(
  flow: Pick<FlowRecord, "id" | "name" | "graph" | "version"> | null,
): Promise<Response> {
  const previews = sharedPreviews();
  if (previews === undefined)
    return unavailable("Link previews are drawn only by the Eventloom server (npm start)");
  const key = flow ? `${flow.id}\u0000${flow.version}\u0000${flow.name}` : "\u0000none";
  const result = await previews.renderer.picture(key, () =>
    previews.draw({ tree: flowPreviewTree(flow), ...PREVIEW_SIZE }),
  );
  if (result.ok)
    return new Response(result.png, {
      headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=300" },
    });
  if (result.busy)
    return unavailable("Too many link previews are being drawn right now; try again in a few seconds", 5);
  const why = FAILURES[result.reason] ?? "This flow's picture could not be drawn";
  return unavailable(`${why}; it is not tried again for a minute`, 60);
}

/**
 * The link preview of a flow (Open Graph image) as a plain element tree: its name and a
 * picture of its graph, drawn from the graph alone with the font Next ships (no network). Large
 * graphs get a simplified picture (sampled shapes, no labels), so drawing has a bounded cost.
 */
export function flowPreviewTree(flow: Pick<FlowRecord, "name" | "graph" | "version"> | null): PlainNode {
  const { width, height } = PREVIEW_SIZE;
  const picture = flow
    ? boundedPicture(layoutPicture(flow.graph, width, height - 130, 40))
    : { nodes: [], edges: [], scale: 1, simplified: false };
  const fontSize = Math.max(10, Math.min(22, 18 * picture.scale));
  return plainElement(
    <div
      style={{
        width,
        height,
        display: "flex",
        flexDirection: "column",
        background: "#14161c",
        color: "#eef0f6",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", padding: "36px 48px 0", gap: 20 }}>
        <div style={{ display: "flex", gap: 8 }}>
          {Object.values(HUES).map((hue) => (
            <div key={hue} style={{ width: 18, height: 18, borderRadius: 9, background: hue }} />
          ))}
        </div>
        <div style={{ fontSize: 44, fontWeight: 700, display: "flex", maxWidth: 900, overflow: "hidden" }}>
          {flow ? flow.name : "Eventloom"}
        </div>
        <div style={{ fontSize: 24, color: "#9aa0b4", marginLeft: "auto", display: "flex" }}>
          {flow
            ? `${flow.graph.nodes.length} nodes · v${flow.version}${picture.simplified ? " · simplified" : ""}`
            : "link no longer valid"}
        </div>
      </div>
      <div style={{ display: "flex", position: "relative", width, height: height - 130 }}>
        <svg width={width} height={height - 130} style={{ position: "absolute", left: 0, top: 0 }}>
          {picture.edges.map((e) => (
            <line
              key={e.id}
              x1={e.x1}
              y1={e.y1}
              x2={e.x2}
              y2={e.y2}
              stroke={EDGE_COLOURS[e.kind]}
              strokeWidth={2}
              strokeDasharray={e.kind === "emits" ? "8 6" : e.kind === "replies" ? "2 6" : undefined}
            />
          ))}
          {picture.simplified &&
            picture.nodes.map((n) => (
              <rect
                key={n.id}
                x={n.x}
                y={n.y}
                width={n.width}
                height={n.height}
                rx={4}
                fill="#1f222b"
                stroke={HUES[n.kind]}
                strokeWidth={2}
              />
            ))}
        </svg>
        {/* Labelled cards only for a detailed picture: text layout is what costs most. */}
        {(picture.simplified ? [] : picture.nodes).map((n) => (
          <div
            key={n.id}
            style={{
              position: "absolute",
              left: n.x,
              top: n.y,
              width: n.width,
              height: n.height,
              display: "flex",
              alignItems: "center",
              padding: "0 10px",
              borderRadius: 8,
              background: "#1f222b",
              border: `2px solid ${HUES[n.kind]}`,
              fontSize,
              overflow: "hidden",
              whiteSpace: "nowrap",
              textOverflow: "ellipsis",
            }}
          >
            {n.label}
          </div>
        ))}
      </div>
    </div>,
  );
}
