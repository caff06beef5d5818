import type { DeliveryRecord } from "../runtime";
import type { DeliveryRow } from "@/lib/realtime/protocol";

/** A runtime record as browsers get it (the same fields; undefined ones left out by JSON). */
export const toRow = (record: DeliveryRecord): DeliveryRow => record;
