/**
 * The process that draws link-preview pictures (preview-pool.ts). Laying out text and
 * rasterising a 1200 × 630 PNG is synchronous work of tens of milliseconds to seconds; here it
 * blocks only this process, which the server kills when a picture runs past its time limit or
 * its heap. It receives a plain element tree ({ type, props }) built by the server and answers
 * the PNG bytes. Plain JavaScript with Node built-ins and Next's image renderer only, so it
 * starts without a TypeScript loader.
 */
import { ImageResponse } from "next/og.js";

function errorMessage(error) {
  return error && typeof error === "object" && typeof error.message === "string"
    ? error.message
    : String(error);
}

async function draw(tree, width, height) {
  return new Uint8Array(await new ImageResponse(tree, { width, height }).arrayBuffer());
}

// One request at a time: the server sends the next only after this one is answered.
process.on("message", async (request) => {
  try {
    process.send({ id: request.id, png: await draw(request.tree, request.width, request.height) });
  } catch (error) {
    process.send({ id: request.id, error: errorMessage(error) });
  }
});
// Orphaned (the server died): nothing left to answer.
process.on("disconnect", () => process.exit(0));
// The first picture loads the renderer's WebAssembly and font; it is drawn before this process
// says it is ready, so the server's time limit measures drawing only.
await draw({ type: "div", props: { style: { display: "flex" }, children: "ready" } }, 8, 8);
process.send({ ready: true });
