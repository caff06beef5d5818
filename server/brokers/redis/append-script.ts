import type { PublishFence } from "../fencing";

/**
 * Appends a batch of entries to the topic's streams in one script, after checking the run's
 * fence in the same step: Redis runs a script whole, so no other server can take the run over
 * between the check and the appends. A server that was paused with a batch already queued on
 * its connection (checked locally before the pause) therefore writes nothing once it wakes.
 *
 * KEYS[1]: the fence's key (unfenced: the first stream's, unread); KEYS[2..]: the streams.
 * ARGV[1]: the value the fence's key must hold ("": no fence); ARGV[2]: the streams' MAXLEN ~;
 * then for each entry: the index of its stream in KEYS, its field count, its fields and values.
 * Answers the entries' ids in order, or the error FENCED.
 */
const APPEND = `
if ARGV[1] ~= "" and redis.call("GET", KEYS[1]) ~= ARGV[1] then
  return redis.error_reply("FENCED the run's lease is held by another server")
end
local ids = {}
local i = 3
while i <= #ARGV do
  local n = tonumber(ARGV[i + 1])
  ids[#ids + 1] = redis.call("XADD", KEYS[tonumber(ARGV[i])], "MAXLEN", "~", ARGV[2], "*", unpack(ARGV, i + 2, i + 1 + n))
  i = i + 2 + n
end
return ids`;

/** One entry to append: its stream's key and its fields. */
export interface Append {
  key: string;
  fields: Record<string, string>;
}

/** The script and its keys and arguments for appending `entries` under `fence`. */
export function appendCall(
  entries: readonly Append[],
  maxLen: number,
  fence: PublishFence | undefined,
): { script: string; keys: string[]; arguments: string[] } {
  const streams = new Map<string, number>();
  const args = [fence?.stored?.value ?? "", String(maxLen)];
  for (const { key, fields } of entries) {
    let index = streams.get(key);
    if (index === undefined) streams.set(key, (index = streams.size + 2));
    const names = Object.keys(fields);
    args.push(String(index), String(names.length * 2));
    for (const name of names) args.push(name, fields[name]);
  }
  const keys = [...streams.keys()];
  return { script: APPEND, keys: [fence?.stored?.key ?? keys[0], ...keys], arguments: args };
}

/** Whether a failed append was refused by the fence. */
export function refusedByFence(error: Error): boolean {
  return String(error.message).startsWith("FENCED");
}
