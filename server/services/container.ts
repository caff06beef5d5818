import { env } from "../env";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { flowService, type FlowService } from "./flows";

/**
 * The services of this process, built once and shared by route handlers and the custom
 * server (which Next bundles separately, hence globalThis).
 */
const holder = globalThis as typeof globalThis & { __eventloomServices?: { flows: FlowService } };

export function services() {
  if (!holder.__eventloomServices) {
    // server/main.ts has applied the migrations before the first request.
    const { DATABASE_URL } = env();
    holder.__eventloomServices = { flows: flowService(flowsRepo(prismaFor(DATABASE_URL))) };
  }
  return holder.__eventloomServices;
}
