import { headers } from "next/headers";
import { env } from "../env";

/**
 * The origin absolute links (link-preview images) are built on: PUBLIC_URL when set, else the
 * host the request came to (behind a proxy, its forwarded host and protocol).
 */
export async function publicOrigin(): Promise<URL> {
  const configured = env().PUBLIC_URL;
  if (configured) return new URL(configured);
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${env().PORT}`;
  const proto = h.get("x-forwarded-proto") ?? "http";
  try {
    return new URL(`${proto.split(",")[0].trim()}://${host.split(",")[0].trim()}`);
  } catch {
    return new URL(`http://localhost:${env().PORT}`);
  }
}
