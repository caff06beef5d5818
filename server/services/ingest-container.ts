import { env } from "../env";
import { prismaFor } from "../db/client";
import { ingestKeysRepo } from "../db/ingest-keys-repo";
import { services } from "./container";
import { ingestKeyService, type IngestKeyService } from "./ingest-keys";
import { ingestService, type IngestService } from "./ingest";

export interface IngestServices {
  /** A flow's ingest keys (edit link only) and their verification. */
  keys: IngestKeyService;
  /** Events from other systems over HTTP (the CloudEvents HTTP binding). */
  ingest: IngestService;
}

const holder = globalThis as typeof globalThis & { __eventloomIngest?: IngestServices };

/**
 * The ingest use cases of this process, over the same flows and runs as `services()`; kept on
 * globalThis for the same reason (Next bundles route handlers apart from the custom server).
 */
export function ingestServices(): IngestServices {
  if (!holder.__eventloomIngest) {
    const config = env();
    const shared = services();
    const keys = ingestKeyService(ingestKeysRepo(prismaFor(config.DATABASE_URL)), shared.flows);
    holder.__eventloomIngest = {
      keys,
      ingest: ingestService(
        keys,
        shared.runs,
        { maxPayloadBytes: config.MAX_PAYLOAD_BYTES, maxBatch: config.MAX_INGEST_BATCH },
        // In a cluster, events for a run of another server go to it.
        shared.clustered ? shared.ingest : undefined,
      ),
    };
  }
  return holder.__eventloomIngest;
}
