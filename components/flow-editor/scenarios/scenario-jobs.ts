import type { ScenarioJob } from "@/lib/api/scenarios";

/** How often a running job is asked how far it got. */
export const POLL_MS = 400;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Follows a job the server started until it is no longer running, reporting each answer.
 * `stillWanted` lets the caller stop following (the editor closed) without cancelling it.
 */
export async function followJob(
  started: ScenarioJob,
  poll: (id: string) => Promise<ScenarioJob>,
  onUpdate: (job: ScenarioJob) => void,
  {
    wait = sleep,
    stillWanted = () => true,
  }: { wait?: (ms: number) => Promise<void>; stillWanted?: () => boolean } = {},
): Promise<ScenarioJob> {
  let job = started;
  onUpdate(job);
  while (job.state === "running" && stillWanted()) {
    await wait(POLL_MS);
    job = await poll(job.id);
    onUpdate(job);
  }
  return job;
}

/** "Simulating… 42 %" and the like: what a job's state means to the person waiting. */
export function jobStateText(job: ScenarioJob | null): string {
  if (!job) return "";
  const pct = Math.floor(job.progress * 100);
  switch (job.state) {
    case "running":
      return job.kind === "run" ? `Simulating… ${pct} %` : `Searching… ${pct} %`;
    case "cancelled":
      return "Cancelled";
    case "failed":
      return job.error ?? "The simulation failed";
    case "done":
      return job.kind === "run" ? "Finished" : "Forecast ready";
  }
}
