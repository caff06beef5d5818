import type { FlowService } from "../services/flows";

/**
 * Who may do what over the socket. For now a flow's id is the capability to watch and
 * control it (as for the REST API); read-only view tokens will narrow this.
 */
export async function canAccessFlow(flows: FlowService, flowId: string): Promise<boolean> {
  return (await flows.get(flowId)).ok;
}
