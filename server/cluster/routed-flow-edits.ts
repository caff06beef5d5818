import type { FlowService } from "../services/flows";
import { failure, type ServiceResult } from "../services/result";
import type { DocCluster } from "./doc-relay";

/**
 * REST edits of a flow (a save, a restore) while people co-edit it somewhere in the cluster:
 * they happen on the server that holds its shared document, which merges them into the
 * document everyone sees. Written straight to the database elsewhere, the holder's next save
 * of its document would overwrite them.
 */
const EDITS = ["update", "restore"] as const;
type Edit = (typeof EDITS)[number];
const METHOD = "edit.";

export function routedFlowEdits(flows: FlowService, docs: Pick<DocCluster, "self" | "ownership" | "call">) {
  async function routed<T>(edit: Edit, ref: string, args: unknown[], here: () => Promise<T>) {
    const found = await flows.authorize(ref, "edit");
    if (!found.ok) return found;
    const holder = await docs.ownership.owner(found.value.row.id);
    if (holder === null || holder === docs.self) return here();
    try {
      return (await docs.call(holder, `${METHOD}${edit}`, [ref, ...args])) as T;
    } catch {
      return failure(
        503,
        `The server holding this flow's shared document (${holder}) did not answer: try again in a few seconds`,
      ) as ServiceResult<never>;
    }
  }
  const wrapped: FlowService = {
    ...flows,
    update: (ref, input) => routed("update", ref, [input], () => flows.update(ref, input)),
    restore: (ref, version) => routed("restore", ref, [version], () => flows.restore(ref, version)),
  };
  return wrapped;
}

/** Answers the other servers' routed edits (`edit.update`, `edit.restore`) with this server's own flows. */
export function answerFlowEdits(flows: FlowService) {
  return async (method: string, params: unknown): Promise<unknown> => {
    const edit = method.slice(METHOD.length) as Edit;
    if (!method.startsWith(METHOD) || !EDITS.includes(edit) || !Array.isArray(params))
      throw new Error(`Unknown cluster request ${method}`);
    const [ref, arg] = params as [string, never];
    return edit === "update" ? flows.update(ref, arg) : flows.restore(ref, arg);
  };
}

/** Whether a request between servers is a routed edit. */
export const isFlowEdit = (method: string) => method.startsWith(METHOD);
