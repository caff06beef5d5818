import type { FlowGraph } from "../flow/schema";

/** Sensors stream readings; only hot readings reach the alerting consumer (a subscription filter). */
export const iotSensorsGraph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "sensors",
      kind: "producer",
      label: "Temperature sensors",
      position: { x: 0, y: 120 },
      config: {
        eventType: "sensor.reading",
        source: "/factory/floor-1",
        mode: "rate",
        ratePerSec: 50,
        jitterPct: 20,
        intervalMs: 1000,
        burstCount: 10,
        payloadTemplate:
          '{\n  "sensorId": "{{sensorId}}",\n  "temperature": {{temperature}},\n  "humidity": {{humidity}},\n  "readAt": "{{timestamp}}"\n}',
        partitionKeyPath: "sensorId",
      },
    },
    {
      id: "readings",
      kind: "topic",
      position: { x: 300, y: 120 },
      config: {
        name: "sensor.readings",
        partitions: 4,
        retention: { maxEventsPerPartition: 50000, maxAgeMs: 3_600_000 },
      },
    },
    {
      id: "alerts",
      kind: "consumer",
      label: "Overheat alerts",
      position: { x: 600, y: 0 },
      config: {
        group: "alerts",
        concurrency: 1,
        processingMs: { min: 2, max: 10 },
        failureRatePct: 0,
        retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 100, maxDelayMs: 2000 },
        online: true,
        action: "transform",
        transformExpression: '{ "sensorId": sensorId, "temperature": temperature, "alert": "overheat" }',
      },
    },
    {
      id: "dashboard",
      kind: "consumer",
      label: "Live dashboard",
      position: { x: 600, y: 240 },
      config: {
        group: "dashboard",
        concurrency: 2,
        processingMs: { min: 1, max: 5 },
        failureRatePct: 0,
        retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
        online: true,
        action: "process",
      },
    },
    {
      id: "alerts-topic",
      kind: "topic",
      label: "Alerts",
      position: { x: 900, y: 0 },
      config: {
        name: "sensor.alerts",
        partitions: 1,
        retention: { maxEventsPerPartition: 10000, maxAgeMs: 0 },
      },
    },
  ],
  edges: [
    { id: "e-sensors-readings", kind: "publishes", source: "sensors", target: "readings" },
    {
      id: "e-readings-alerts",
      kind: "subscribes",
      source: "readings",
      target: "alerts",
      filter: { data: { temperature: [{ numeric: [">", 30] }] } },
    },
    { id: "e-readings-dashboard", kind: "subscribes", source: "readings", target: "dashboard" },
    { id: "e-alerts-emit", kind: "emits", source: "alerts", target: "alerts-topic" },
  ],
  scenarios: [
    {
      id: "sensor-burst",
      name: "Sensor burst ×20 for a minute",
      description:
        "Every sensor reports 20 times as often from 1:00 to 2:00 (1,000 readings/s). Passes: the dashboard's 2 workers fall behind during the burst, but drain the backlog within two minutes of its end; the readings topic keeps 50,000 per partition for an hour, so retention never trims an unread reading and nothing is lost.",
      durationMs: 300_000,
      steps: [
        { atMs: 60_000, action: "multiply-rate", nodeId: "sensors", factor: 20 },
        { atMs: 120_000, action: "multiply-rate", nodeId: "sensors", factor: 1 },
      ],
      expectations: [
        { kind: "lag-recovers", nodeId: "dashboard", max: 50, afterStep: 1, withinMs: 120_000 },
        { kind: "retention-kept", nodeId: "readings" },
        { kind: "no-loss" },
      ],
      forecast: { nodeId: "dashboard", multipliers: [1, 5, 20] },
    },
  ],
};
