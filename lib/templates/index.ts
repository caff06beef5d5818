import ecommerce from "../../examples/ecommerce-orders.json";
import { emptyGraph } from "../flow/empty-graph";
import type { FlowGraph } from "../flow/schema";
import { iotSensorsGraph } from "./iot-sensors";
import { retryDeadLetterGraph } from "./retry-dead-letter";

/** A flow to start from on the home page's "New flow" cards. */
export interface FlowTemplate {
  id: string;
  /** Also the name the new flow gets. */
  name: string;
  description: string;
  graph: FlowGraph;
}

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  {
    id: "empty",
    name: "Untitled flow",
    description: "A blank canvas: drag a producer, a topic and a consumer onto it.",
    graph: emptyGraph(),
  },
  {
    id: "ecommerce-orders",
    name: "E-commerce order pipeline",
    description:
      "Orders fan out to payment, inventory, email and recommendations; payment replies, failed emails are dead-lettered.",
    graph: ecommerce as FlowGraph,
  },
  {
    id: "iot-sensors",
    name: "IoT sensor stream",
    description:
      "Sensor readings feed a live dashboard; a filtered subscription sends only readings above 30 °C to alerting.",
    graph: iotSensorsGraph,
  },
  {
    id: "retry-dead-letter",
    name: "Retry and dead-letter",
    description:
      "A worker that fails 40 % of attempts retries with backoff; what still fails lands on a dead-letter topic.",
    graph: retryDeadLetterGraph,
  },
];
