/**
 * The CloudEvents `subject` of a poison event: one a scenario injects to see what a message
 * that can never be processed does to a pipeline. Every consumer fails every attempt at it
 * (reason `poison`), so it goes through retries to the dead-letter topic or is dropped.
 */
export const POISON_SUBJECT = "eventloom:poison";
