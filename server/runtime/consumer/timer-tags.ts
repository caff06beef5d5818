/**
 * What a worker's timer means when it fires. A leaf module, so the worker and the delivery
 * steps that schedule its timers both read the tags without importing each other.
 */
export const TAG_COMPLETE = 1,
  TAG_RETRY = 2,
  TAG_TRANSFORM_DONE = 3,
  TAG_WEBHOOK_DONE = 4;
