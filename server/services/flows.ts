import { randomBytes } from "node:crypto";
import type { FlowRecord, RevisionPage } from "@/lib/api/flows";
import { emptyGraph, readGraph, type FlowGraph, type FlowIssue } from "@/lib/flow";
import type { FlowsRepo, StoredFlow } from "../db/flows-repo";
import { failure, success, type ServiceResult } from "./result";

/** 16 random bytes (128 bits) as 22 URL-safe characters: the id is the capability to edit. */
export function newFlowId(): string {
  return randomBytes(16).toString("base64url");
}

const FLOW_ID = /^[A-Za-z0-9_-]{22}$/;
const notFound = () => failure(404, "No flow with this id: check the link, or create a new flow");

function parseStoredGraph(text: string): { graph: FlowGraph; issues: FlowIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { graph: emptyGraph(), issues: [{ path: "(graph)", message: "the stored graph is not JSON", severity: "error" }] };
  }
  const read = readGraph(raw);
  // A stored graph that no longer validates is returned as stored, with its errors, so the
  // designer can show and fix them; nothing is silently dropped.
  return { graph: read.graph ?? (raw as FlowGraph), issues: read.issues };
}

export function toRecord(row: StoredFlow): FlowRecord {
  const { graph, issues } = parseStoredGraph(row.graph);
  return { id: row.id, name: row.name, version: row.version, graph, issues, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function checkGraph(input: unknown): ServiceResult<FlowGraph> {
  const read = readGraph(input);
  if (!read.graph) {
    const errors = read.issues.filter((i) => i.severity === "error");
    return failure(400, `The graph has ${errors.length} problem${errors.length === 1 ? "" : "s"}`, { issues: errors.map(({ path, message }) => ({ path, message })) });
  }
  return success(read.graph);
}

/** The flow use cases: create, read, update with optimistic concurrency, delete, history. */
export function flowService(repo: FlowsRepo) {
  const find = async (id: string) => (FLOW_ID.test(id) ? repo.find(id) : null);
  return {
    async create(input: { name?: string; graph?: unknown }): Promise<ServiceResult<FlowRecord>> {
      const graph = input.graph === undefined ? success(emptyGraph()) : checkGraph(input.graph);
      if (!graph.ok) return graph;
      const row = await repo.create({ id: newFlowId(), name: input.name ?? "Untitled flow", graph: JSON.stringify(graph.value) });
      return success(toRecord(row));
    },

    async get(id: string): Promise<ServiceResult<FlowRecord>> {
      const row = await find(id);
      return row ? success(toRecord(row)) : notFound();
    },

    async update(id: string, input: { name?: string; graph?: unknown; baseVersion: number }): Promise<ServiceResult<FlowRecord>> {
      const current = await find(id);
      if (!current) return notFound();
      let graphText = current.graph;
      if (input.graph !== undefined) {
        const graph = checkGraph(input.graph);
        if (!graph.ok) return graph;
        graphText = JSON.stringify(graph.value);
      }
      const conflict = async () => {
        const now = await repo.find(id);
        return now ? failure(409, `This flow was changed elsewhere: it is at version ${now.version}, your edit was based on version ${input.baseVersion}`, { current: toRecord(now) }) : notFound();
      };
      if (current.version !== input.baseVersion) return conflict();
      const row = await repo.update(id, input.baseVersion, { name: input.name ?? current.name, graph: graphText });
      return row ? success(toRecord(row)) : conflict();
    },

    async remove(id: string): Promise<ServiceResult<null>> {
      return FLOW_ID.test(id) && (await repo.remove(id)) ? success(null) : notFound();
    },

    async revisions(id: string, limit: number, before?: number): Promise<ServiceResult<RevisionPage>> {
      if (!(await find(id))) return notFound();
      const rows = await repo.revisions(id, limit, before);
      const page = rows.slice(0, limit).map((r) => {
        const { graph } = parseStoredGraph(r.graph);
        return { version: r.version, name: r.name, createdAt: r.createdAt.toISOString(), nodeCount: graph.nodes?.length ?? 0, edgeCount: graph.edges?.length ?? 0 };
      });
      return success({ revisions: page, nextBefore: rows.length > limit ? page[page.length - 1].version : null });
    },

    /** Makes an old revision the newest version (history is never rewritten). */
    async restore(id: string, version: number): Promise<ServiceResult<FlowRecord>> {
      const current = await find(id);
      if (!current) return notFound();
      const revision = await repo.revision(id, version);
      if (!revision) return failure(404, `This flow has no version ${version}`);
      const row = await repo.update(id, current.version, { name: revision.name, graph: revision.graph });
      return row ? success(toRecord(row)) : failure(409, "This flow was changed while restoring: try again");
    },
  };
}
export type FlowService = ReturnType<typeof flowService>;
