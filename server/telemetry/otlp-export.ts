import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type HrTime } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  RandomIdGenerator,
  type IdGenerator,
} from "@opentelemetry/sdk-trace-base";
import type { RecordRange } from "../runtime";
import { DeliverySpanBuilder, type DeliverySpan } from "./delivery-spans";

export interface OtlpExportOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces` (OTLP/HTTP JSON). */
  endpoint: string;
  serviceName?: string;
  /** The flow's name for the span attributes (never its edit id). */
  flowName: (flowId: string) => string;
}

/** Span ids chosen by the builder (so an event's effects can hang under its publish span). */
class ChosenIds implements IdGenerator {
  traceId: string | undefined;
  spanId: string | undefined;
  private readonly random = new RandomIdGenerator();
  generateTraceId = () => this.traceId ?? this.random.generateTraceId();
  generateSpanId = () => this.spanId ?? this.random.generateSpanId();
}

const KINDS = { producer: SpanKind.PRODUCER, consumer: SpanKind.CONSUMER, internal: SpanKind.INTERNAL };
const hrTime = (ms: number): HrTime => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];

/**
 * Optional OpenTelemetry export of delivery steps: each step of each run becomes a span in the
 * trace of the event that caused it, batched to an OTLP/HTTP collector by the OpenTelemetry SDK
 * (its queue is bounded: under a flood, spans are dropped, never the run slowed). Subscribe
 * `onRecords` to the run registry.
 */
export function otlpDeliveryExport(options: OtlpExportOptions) {
  const ids = new ChosenIds();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName ?? "eventloom" }),
    idGenerator: ids,
    spanProcessors: [
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` }),
        { maxQueueSize: 20_000, maxExportBatchSize: 1_000, scheduledDelayMillis: 1_000 },
      ),
    ],
  });
  const tracer = provider.getTracer("eventloom");
  const builder = new DeliverySpanBuilder();

  const emit = (span: DeliverySpan) => {
    const parent = span.parentSpanId
      ? trace.setSpanContext(ROOT_CONTEXT, {
          traceId: span.traceId,
          spanId: span.parentSpanId,
          traceFlags: TraceFlags.SAMPLED,
          isRemote: true,
        })
      : ROOT_CONTEXT;
    ids.traceId = span.traceId;
    ids.spanId = span.spanId;
    const started = tracer.startSpan(
      span.name,
      { kind: KINDS[span.kind], startTime: hrTime(span.startMs), attributes: span.attributes },
      parent,
    );
    ids.traceId = ids.spanId = undefined;
    started.setStatus(
      span.error ? { code: SpanStatusCode.ERROR, message: span.error } : { code: SpanStatusCode.OK },
    );
    started.end(hrTime(span.endMs));
  };

  return {
    onRecords(flowId: string, range: RecordRange) {
      const flowName = options.flowName(flowId);
      for (let seq = range.fromSeq; seq < range.toSeq; seq++) {
        const record = range.get(seq);
        if (!record) continue;
        const span = builder.toSpan(flowName, record, range.eventAt(seq));
        if (span) emit(span);
      }
    },
    onStatus() {},
    /** Sends what is queued now (tests, shutdown). */
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
