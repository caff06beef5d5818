import { randomBytes } from "node:crypto";
import type { FlowRecord, RevisionPage, ViewLink } from "@/lib/api/flows";
import { emptyGraph, readGraph, type FlowGraph, type FlowIssue } from "@/lib/flow";
import { withoutSecrets } from "@/lib/flow/secrets";
import type { FlowsRepo, StoredFlow } from "../db/flows-repo";
import {
  hashViewToken,
  isViewToken,
  newViewToken,
  resolveRef,
  type Access,
  type ResolvedRef,
} from "./access";
import { liveFlows, type LiveFlows } from "./live-flows";
import { failure, success, type ServiceResult } from "./result";
import { parseStoredGraph } from "./stored-graph";
import { revisionPage } from "./revision-page";

/** 16 random bytes (128 bits) as 22 URL-safe characters: the id is the capability to edit. */
export function newFlowId(): string {
  return randomBytes(16).toString("base64url");
}

type CheckedGraph = { graph: FlowGraph; issues: FlowIssue[] };

/**
 * The flow as the API shows it to whoever reached it by `ref` with `access`. A write passes
 * the graph it has just validated, so the stored text is not parsed and validated again.
 */
export function toRecord(
  row: StoredFlow,
  access: Access = "edit",
  ref = row.id,
  checked: CheckedGraph = parseStoredGraph(row.graph),
): FlowRecord {
  const { graph, issues } = checked;
  return {
    id: ref,
    access,
    name: row.name,
    version: row.version,
    // Only the edit link shows a flow's secrets (webhook signing secrets, header values).
    graph: access === "view" ? withoutSecrets(graph) : graph,
    issues,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checkGraph(input: unknown): ServiceResult<CheckedGraph> {
  const read = readGraph(input);
  if (!read.graph) {
    const errors = read.issues.filter((i) => i.severity === "error");
    return failure(400, `The graph has ${errors.length} problem${errors.length === 1 ? "" : "s"}`, {
      issues: errors.map(({ path, message }) => ({ path, message })),
    });
  }
  return success({ graph: read.graph, issues: read.issues });
}

/**
 * The flow use cases. Each takes a reference (flow id or view token) and checks its access.
 * While people edit a flow together (`live` holds its document), that document is the flow's
 * present: reads save it first, and writes are merged into it so everyone sees them at once.
 * `refuseNewFlow` says why no flow may be created now (the database is past its size cap).
 */
export function flowService(
  repo: FlowsRepo,
  live: LiveFlows = liveFlows(repo),
  { refuseNewFlow = async (): Promise<string | null> => null } = {},
) {
  async function authorize(ref: string, need: Access): Promise<ServiceResult<ResolvedRef>> {
    let found = await resolveRef(repo, ref);
    if (found && live.isOpen(found.row.id)) {
      const saved = await live.flush(found.row.id);
      if (saved) found = { ...found, row: saved };
    }
    if (!found)
      return isViewToken(ref)
        ? failure(404, "This view link is no longer valid: ask for a new one")
        : failure(404, "No flow with this id: check the link, or create a new flow");
    if (need === "edit" && found.access === "view")
      return failure(
        403,
        "This is a view-only link: it cannot change or run the flow. Fork it to get a copy of your own",
      );
    return success(found);
  }
  const conflict = async (id: string, baseVersion: number) => {
    const now = await repo.find(id);
    return now
      ? failure(
          409,
          `This flow was changed elsewhere: it is at version ${now.version}, your edit was based on version ${baseVersion}`,
          { current: toRecord(now) },
        )
      : failure(404, "No flow with this id: check the link, or create a new flow");
  };

  return {
    /** The shared documents of the flows people are editing together right now. */
    live,
    authorize,

    async create(input: { name?: string; graph?: unknown }): Promise<ServiceResult<FlowRecord>> {
      const checked = checkGraph(input.graph ?? emptyGraph());
      if (!checked.ok) return checked;
      const refused = await refuseNewFlow();
      if (refused) return failure(507, refused);
      const row = await repo.create({
        id: newFlowId(),
        name: input.name ?? "Untitled flow",
        graph: JSON.stringify(checked.value.graph),
      });
      return success(toRecord(row, "edit", row.id, checked.value));
    },

    async get(ref: string): Promise<ServiceResult<FlowRecord>> {
      const found = await authorize(ref, "view");
      return found.ok ? success(toRecord(found.value.row, found.value.access, ref)) : found;
    },

    async update(
      ref: string,
      input: { name?: string; graph?: unknown; baseVersion: number },
    ): Promise<ServiceResult<FlowRecord>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      const current = found.value.row;
      let graphText = current.graph;
      let checked: CheckedGraph | undefined;
      if (input.graph !== undefined) {
        const result = checkGraph(input.graph);
        if (!result.ok) return result;
        checked = result.value;
        graphText = JSON.stringify(checked.graph);
      }
      if (current.version !== input.baseVersion) return conflict(current.id, input.baseVersion);
      const doc = await live.get(current.id);
      if (doc) {
        // People are editing: the change since the base version merges into their document.
        doc.merge(
          parseStoredGraph(current.graph).graph,
          checked?.graph ?? parseStoredGraph(current.graph).graph,
          input.name,
          "API",
        );
        const saved = await live.flush(current.id);
        if (!saved) return failure(404, "No flow with this id: check the link, or create a new flow");
        await repo.addRevision(current.id, { editors: ["API"] });
        return success(toRecord(saved));
      }
      const row = await repo.update(
        current.id,
        input.baseVersion,
        { name: input.name ?? current.name, graph: graphText },
        ["API"],
      );
      return row ? success(toRecord(row, "edit", row.id, checked)) : conflict(current.id, input.baseVersion);
    },

    async remove(ref: string): Promise<ServiceResult<{ flowId: string }>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      return (await repo.remove(found.value.row.id))
        ? success({ flowId: found.value.row.id })
        : failure(404, "No flow with this id: check the link, or create a new flow");
    },

    async revisions(ref: string, limit: number, before?: number): Promise<ServiceResult<RevisionPage>> {
      const found = await authorize(ref, "view");
      if (!found.ok) return found;
      return success(revisionPage(await repo.revisions(found.value.row.id, limit, before), limit));
    },

    /**
     * Names the flow as it is now ("Before Black Friday"): what people are editing is saved and
     * its stretch of editing closed, so the named version is a revision of its own.
     */
    async nameVersion(
      ref: string,
      label: string,
    ): Promise<ServiceResult<{ version: number; label: string }>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      await live.closeStretch(found.value.row.id);
      const revision = await repo.addRevision(found.value.row.id, { editors: [], label });
      return revision
        ? success({ version: revision.version, label })
        : failure(404, "No flow with this id: check the link, or create a new flow");
    },

    /** One stored version of a flow, by the flow's own id: what a resumed run runs. */
    async versionOf(
      flowId: string,
      version: number,
    ): Promise<ServiceResult<CheckedGraph & { version: number }>> {
      const revision = await repo.revision(flowId, version);
      if (!revision) return failure(404, `This flow has no version ${version}`);
      return success({ version, ...parseStoredGraph(revision.graph) });
    },

    /** Makes an old revision the newest version (history is never rewritten). */
    async restore(ref: string, version: number): Promise<ServiceResult<FlowRecord>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      const current = found.value.row;
      const revision = await repo.revision(current.id, version);
      if (!revision)
        return failure(404, `This flow has no version ${version} (only its newest revisions are kept)`);
      const doc = await live.get(current.id);
      if (doc) {
        const now = parseStoredGraph(current.graph).graph;
        doc.merge(now, parseStoredGraph(revision.graph).graph, revision.name, "Restore");
        await live.closeStretch(current.id);
        const saved = await repo.find(current.id);
        return saved
          ? success(toRecord(saved))
          : failure(404, "No flow with this id: check the link, or create a new flow");
      }
      const row = await repo.update(
        current.id,
        current.version,
        { name: revision.name, graph: revision.graph },
        ["Restore"],
      );
      return row ? success(toRecord(row)) : failure(409, "This flow was changed while restoring: try again");
    },

    /** An editable copy of the flow's saved version, for anyone who can see it. */
    async fork(ref: string): Promise<ServiceResult<FlowRecord>> {
      const found = await authorize(ref, "view");
      if (!found.ok) return found;
      const source = found.value.row;
      const stored = parseStoredGraph(source.graph).graph;
      const refused = await refuseNewFlow();
      if (refused) return failure(507, refused);
      const row = await repo.create({
        id: newFlowId(),
        name: `Copy of ${source.name}`.slice(0, 120),
        // A fork through a view link gets no secrets: the viewer never saw them.
        graph: found.value.access === "view" ? JSON.stringify(withoutSecrets(stored)) : source.graph,
      });
      return success(toRecord(row));
    },

    /** A new read-only link; the previous one stops working at once. */
    async regenerateViewLink(ref: string): Promise<ServiceResult<ViewLink & { flowId: string }>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      const token = newViewToken();
      await repo.setViewTokenHash(found.value.row.id, hashViewToken(token));
      return success({ token, path: `/s/${token}`, flowId: found.value.row.id });
    },

    /** Removes the read-only link altogether. */
    async removeViewLink(ref: string): Promise<ServiceResult<{ flowId: string }>> {
      const found = await authorize(ref, "edit");
      if (!found.ok) return found;
      await repo.setViewTokenHash(found.value.row.id, null);
      return success({ flowId: found.value.row.id });
    },
  };
}
export type FlowService = ReturnType<typeof flowService>;
