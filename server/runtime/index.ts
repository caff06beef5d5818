/**
 * The event runtime's public surface: build a run of a flow under injected ports, drive it
 * with controls, read its records, metrics and history; or simulate a flow at CPU speed.
 */
export {
  createFlowRun,
  type ExternalEvent,
  type FlowRun,
  type FlowRunInput,
  type Placement,
  type RunStatus,
} from "./run/flow-run";
export type { OffsetReset } from "./run/offset-reset";
export { MAX_REPLAY_OFFSETS, type PartitionOffset } from "./run/offset-replay";
export type { RunMetrics, NodeMetricsSnapshot, PartitionLag, PartitionState } from "./run/metrics-snapshot";
export type { WindowRates } from "./metrics/node-metrics";
export type { RunOptions } from "./options";
export type {
  Clock,
  Scheduler,
  RandomSource,
  RecordSink,
  RuntimePorts,
  TimerTarget,
  TransformEvaluator,
  TransformOutcome,
  TransformRequest,
  WebhookOutcome,
  WebhookPort,
  WebhookRequest,
} from "./ports";
export { inProcessTransforms } from "./consumer/transform";
export type { ControlResult, RuntimeError, RuntimeErrorCode } from "./errors";
export type { History, HistoryQuery } from "./records/history";
export type { RecordRange } from "./records/record-ring";
export { OUTCOMES, type Outcome, type DeliveryRecord, type RecordSite } from "./records/outcomes";
export { VirtualTime } from "./clock/virtual-time";
export { RealTime } from "./clock/real-time";
export { mulberry32 } from "./random";
export { simulate, type SimulationResult, type NodeSeries } from "./simulate";
export type {
  BrokerPort,
  BrokerPorts,
  BrokerOffset,
  GroupPositionTarget,
  PartitionReader,
  TopicHost,
  TopicPartitionState,
  TopicPort,
  AppendListener,
  BrokerMark,
  ReaderPolicy,
  RedeliveryWaiter,
} from "./broker/port";
export { markFetched } from "./records/broker-marks";
export { PartitionLog } from "./broker/partition-log";
export { offsetRefusals } from "./broker/topic";
export { NodeMetrics } from "./metrics/node-metrics";
export { runScenario, findScenario, type ScenarioRunOptions } from "./scenario/run-scenario";
export { forecastCapacity, type ForecastOptions } from "./scenario/forecast";
export type { Variation, Capacity } from "./scenario/plan";
export { inspectScenarioAt, type MomentView } from "./scenario/inspect";
export { estimateEvents } from "./scenario/plan";
