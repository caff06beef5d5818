import type { TopicPort } from "../broker/port";
import type { RecordSite } from "../records/outcomes";

/** A topic a consumer publishes to, with the record site of that edge. */
export interface Output {
  topic: TopicPort;
  site: RecordSite;
}

/** Where a consumer group's derived events go; rebuilt on every redeploy. */
export interface GroupOutputs {
  emits: Output[];
  replies: Output[];
  deadLetter: Output | undefined;
}
