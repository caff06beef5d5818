import type { Faker } from "@faker-js/faker";
import {
  compileTemplate,
  createEvent,
  POISON_SUBJECT,
  seededFaker,
  type CompiledTemplate,
  type FakeContext,
} from "@/lib/events";
import type { ProducerConfig, ProducerNode } from "@/lib/flow";
import type { TopicPort } from "../broker/port";
import type { NodeMetrics } from "../metrics/node-metrics";
import type { TimerTarget } from "../ports";
import { nodeSeed } from "../random";
import { O_DROPPED, type RecordSite } from "../records/outcomes";
import type { RunContext } from "../run-context";
import { nextEmissionMs, readKey } from "./emission";

/** Most events one slice of a fire or burst emits before handing the event loop back. */
export const SLICE_EVENTS = 5_000;
/** Most wall time one slice takes (checked every 64 events; a virtual clock only counts). */
export const SLICE_MS = 8;
/** The timer tag of the next slice (schedule generations are positive). */
const TAG_SLICE = -1;

export interface ProducerOutput {
  topic: TopicPort;
  site: RecordSite;
}

/**
 * A producer node at run time. `rate` and `interval` producers wake themselves through the
 * scheduler; `burst` emits its burst at start and on each fire; `manual` only on fire.
 * Timers carry a generation number so that pausing or retiring simply outdates them.
 */
export class ProducerRunner implements TimerTarget {
  readonly config: ProducerConfig;
  outputs: ProducerOutput[] = [];
  /** Emission attempts so far (counts towards maxEvents, including dropped ones). */
  emitted = 0;
  /** Events fired (or of a burst) not emitted yet: they follow in slices. */
  backlog = 0;
  private sliceArmed = false;
  paused = false;
  private running = false;
  private generation = 0;
  /** Start of the current rate schedule and events since, for drift-free metronome rates. */
  private anchorMs = 0;
  private ticks = 0;
  /** When the pending (or just fired) timer was due. */
  private dueMs = 0;
  private readonly template: CompiledTemplate;
  /** Rendered payloads reused in turn when the run has a payload pool (simulations). */
  private readonly payloads: unknown[] = [];
  private readonly fakeContext: FakeContext;
  private readonly ownSite: RecordSite;
  /** Only templates that could conceivably exceed the payload limit are measured per event. */
  private readonly measurePayload: boolean;

  constructor(
    readonly ctx: RunContext,
    readonly node: ProducerNode,
    readonly metrics: NodeMetrics,
    runSeed: number,
  ) {
    this.config = node.config;
    this.template = compileTemplate(node.config.payloadTemplate);
    const faker: Faker = seededFaker(nodeSeed(runSeed, node.id));
    this.fakeContext = { faker, nowMs: 0, seq: 0 };
    this.ownSite = { nodeId: node.id };
    const templateBytes = Buffer.byteLength(node.config.payloadTemplate);
    this.measurePayload =
      this.template.ok &&
      (this.template.placeholders.length === 0
        ? templateBytes > ctx.options.maxPayloadBytes
        : templateBytes * 16 > ctx.options.maxPayloadBytes);
  }

  get exhausted(): boolean {
    return this.config.maxEvents !== undefined && this.emitted >= this.config.maxEvents;
  }

  /** Begins emitting per the mode (a burst producer emits its first burst now). */
  start(now: number): void {
    this.running = true;
    if (this.config.mode === "burst") this.enqueue(this.config.burstCount, now);
    this.schedule(now);
  }

  /** Stops for good (run stop, node removed or replaced); events still owed are not emitted. */
  retire(): void {
    this.running = false;
    this.generation++;
    this.backlog = 0;
  }

  pause(): void {
    this.paused = true;
    this.generation++;
  }

  resume(now: number): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.running) this.schedule(now);
  }

  /**
   * Owes `n` more events (a fire or a burst) and emits the first slice of them now; returns
   * how many it emitted now. The rest follow in slices of at most SLICE_EVENTS events or
   * SLICE_MS of wall time, each a timer of its own, so sockets and other runs get the event
   * loop between slices however large the burst.
   */
  enqueue(n: number, now: number): number {
    this.backlog += n;
    return this.emitSlice(now);
  }

  /** Emits `count` poison events (subject POISON_SUBJECT): every consumer fails them on every attempt. */
  injectPoison(count: number, now: number): number {
    let done = 0;
    while (done < count) this.emitOne(done++ === 0 ? now : this.ctx.clock.now(), POISON_SUBJECT);
    return done;
  }

  onTimer(tag: number, nowMs: number): void {
    if (tag === TAG_SLICE) {
      this.sliceArmed = false;
      if (this.running) this.emitSlice(nowMs);
      return;
    }
    if (tag !== this.generation || !this.running || this.paused) return;
    if (!this.exhausted) this.emitOne(nowMs);
    this.ticks++;
    this.scheduleNext(tag);
  }

  /** One slice of the backlog; arms a timer for the next when some is left. */
  private emitSlice(now: number): number {
    const clock = this.ctx.clock;
    let done = 0;
    while (this.backlog > 0 && !this.exhausted) {
      this.emitOne(done === 0 ? now : clock.now());
      this.backlog--;
      done++;
      if (done >= SLICE_EVENTS || ((done & 63) === 0 && clock.now() - now >= SLICE_MS)) break;
    }
    if (this.exhausted) this.backlog = 0;
    if (this.backlog > 0 && !this.sliceArmed) {
      this.sliceArmed = true;
      // Due "now" but after this batch of timers: a real clock hands the loop back first.
      this.ctx.scheduler.schedule(clock.now(), this, TAG_SLICE);
    }
    return done;
  }

  private schedule(now: number): void {
    const mode = this.config.mode;
    if (mode !== "rate" && mode !== "interval") return;
    this.generation++;
    this.anchorMs = now;
    this.dueMs = now;
    this.ticks = 0;
    this.scheduleNext(this.generation);
  }

  private scheduleNext(generation: number): void {
    if (this.exhausted) return;
    const at = nextEmissionMs(this.config, this.anchorMs, this.ticks, this.dueMs, this.ctx.random);
    this.dueMs = at;
    this.ctx.scheduler.schedule(at, this, generation);
  }

  private emitOne(now: number, subject?: string): void {
    const ctx = this.ctx;
    const seq = ++this.emitted;
    const id = ctx.nextEventId();
    const timeMs = Math.floor(now);
    if (!ctx.admitEvent(now)) return this.drop(id, timeMs, now, "rate-cap");
    if (!this.template.ok) return this.drop(id, timeMs, now, `template-error: ${this.template.message}`);
    let data: unknown;
    const pool = ctx.options.payloadPool;
    const slot = pool > 0 ? (seq - 1) % pool : -1;
    if (slot >= 0 && slot < this.payloads.length) data = this.payloads[slot];
    else {
      try {
        this.fakeContext.nowMs = timeMs;
        this.fakeContext.seq = seq;
        data = this.template.render(this.fakeContext);
      } catch (error) {
        return this.drop(id, timeMs, now, `template-error: ${(error as Error).message}`);
      }
      if (slot >= 0) this.payloads.push(data);
    }
    if (this.measurePayload && Buffer.byteLength(JSON.stringify(data)) > ctx.options.maxPayloadBytes)
      return this.drop(id, timeMs, now, "payload-too-large");
    const config = this.config;
    const event = createEvent({ id, source: config.source, type: config.eventType, timeMs, data, subject });
    const key = config.partitionKeyPath ? readKey(data, config.partitionKeyPath) : undefined;
    const outputs = this.outputs;
    for (let i = 0; i < outputs.length; i++)
      ctx.publish(outputs[i].topic, event, outputs[i].site, key, this.metrics, now);
  }

  /** An event that could not be made: recorded (with an empty payload) so the inspector shows why. */
  private drop(id: string, timeMs: number, now: number, reason: string): void {
    const event = createEvent({
      id,
      source: this.config.source,
      type: this.config.eventType,
      timeMs,
      data: null,
    });
    this.ctx.record(O_DROPPED, event, this.ownSite, -1, -1, 0, now, -1, reason);
    this.metrics.counts[O_DROPPED]++;
  }
}
