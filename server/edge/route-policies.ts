/**
 * How the front door treats state-changing requests (POST, PUT, PATCH, DELETE), per route.
 * The default for every route: JSON bodies only, a same-origin Origin when one is sent, and no
 * rate limit. A route that takes other bodies or is called from other sites (a machine-to-machine
 * endpoint with its own key, say) adds an entry with its own rules; the first match wins.
 */
export interface RoutePolicy {
  methods: readonly string[];
  /** Matched against the decoded path. */
  path: RegExp;
  /** The rate-limit bucket requests spend (a name in the limits table), if any. */
  bucket?: string;
  /** Media types accepted for a body (without parameters), or `any` (the route checks); default `application/json`. */
  contentTypes?: readonly string[] | "any";
  /** `same-origin` (default): a sent Origin must be the app's own or listed; `any`: not checked. */
  origin?: "same-origin" | "any";
}

const FLOW = "[A-Za-z0-9_-]+";

export const ROUTE_POLICIES: RoutePolicy[] = [
  // HTTP ingest (server/http/ingest-endpoint.ts) is called by other systems with bearer keys and
  // no cookies: any Origin, and the CloudEvents media types it checks itself.
  { methods: ["POST"], path: /^\/ingest\//, contentTypes: "any", origin: "any" },
  { methods: ["POST"], path: /^\/api\/flows\/?$/, bucket: "creates" },
  { methods: ["POST"], path: new RegExp(`^/api/flows/${FLOW}/fork/?$`), bucket: "creates" },
  { methods: ["POST"], path: new RegExp(`^/api/flows/${FLOW}/(deploy|stop)/?$`), bucket: "deploys" },
  { methods: ["POST", "PUT", "PATCH", "DELETE"], path: /^\/api\//, bucket: "writes" },
];

export const DEFAULT_POLICY: Required<Omit<RoutePolicy, "bucket">> & { bucket?: string } = {
  methods: ["POST", "PUT", "PATCH", "DELETE"],
  path: /^/,
  contentTypes: ["application/json"],
  origin: "same-origin",
};

/** Each entry with the defaults filled in, made once per entry (every write asks). */
const completed = new WeakMap<RoutePolicy, typeof DEFAULT_POLICY>();

/** The rules for one state-changing request. */
export function policyFor(method: string, path: string, policies: readonly RoutePolicy[] = ROUTE_POLICIES) {
  const found = policies.find((p) => p.methods.includes(method) && p.path.test(path));
  if (!found) return DEFAULT_POLICY;
  let policy = completed.get(found);
  if (!policy) completed.set(found, (policy = { ...DEFAULT_POLICY, ...found }));
  return policy;
}
