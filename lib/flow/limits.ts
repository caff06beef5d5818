/** Hard limits of a flow graph. Going over one is a validation issue, never a crash. */
export const FLOW_LIMITS = {
  maxNodes: 500,
  maxEdges: 2000,
  maxString: 200,
  maxTopicName: 80,
  maxPayloadTemplateBytes: 16 * 1024,
  maxExpression: 4000,
  maxFlowName: 120,
} as const;
