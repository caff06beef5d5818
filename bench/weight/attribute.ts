// Which packages and folders a page's scripts are made of: each script's bytes as sent, shared out
// among its sources by how many of its uncompressed bytes each source's code takes (read from the
// script's source map). The shares are estimates (compression is not even across a file), but
// they add up to the bytes as sent, so they say where the weight of a page lies.
import { eachMapping, TraceMap } from "@jridgewell/trace-mapping";

/** What a source path counts towards: its npm package, a folder of ours two levels deep, or the bundler. */
export function sourceGroup(source: string): string {
  const nodeModules = source.lastIndexOf("node_modules/");
  if (nodeModules >= 0) {
    const [first, second] = source.slice(nodeModules + "node_modules/".length).split("/");
    return first!.startsWith("@") ? `${first}/${second}` : first!;
  }
  if (source.includes("[turbopack]")) return "(bundler runtime)";
  const ours = source.match(/(?:^|\/)((?:app|components|lib|server)\/.*)$/);
  if (!ours) return "(other)";
  const parts = ours[1]!.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.join("/");
}

/** Whether a group is the project's own code rather than a package or the bundler. */
export const isOwnGroup = (group: string) => /^(app|components|lib|server)\//.test(group);

/**
 * How many uncompressed bytes of `code` each source of `sourceMap` produced: a mapped segment runs
 * from its column to the next segment on its line (or the line's end).
 */
export function bytesBySource(code: string, sourceMap: string): Map<string, number> {
  const lines = code.split("\n");
  const segments: { line: number; column: number; source: string }[] = [];
  eachMapping(new TraceMap(sourceMap), (m) => {
    if (m.source !== null)
      segments.push({ line: m.generatedLine - 1, column: m.generatedColumn, source: m.source });
  });
  segments.sort((a, b) => a.line - b.line || a.column - b.column);
  const bytes = new Map<string, number>();
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const end = next && next.line === segment.line ? next.column : lines[segment.line]!.length;
    bytes.set(segment.source, (bytes.get(segment.source) ?? 0) + end - segment.column);
  });
  return bytes;
}

/** `sent` bytes of one script shared out among its groups in proportion to their uncompressed bytes. */
export function shareOut(sent: number, bytes: ReadonlyMap<string, number>): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [source, n] of bytes) {
    const group = sourceGroup(source);
    groups.set(group, (groups.get(group) ?? 0) + n);
  }
  const mapped = [...groups.values()].reduce((sum, n) => sum + n, 0);
  const shares = new Map<string, number>();
  for (const [group, n] of groups) shares.set(group, mapped === 0 ? 0 : (sent * n) / mapped);
  if (mapped === 0) shares.set("(no source map)", sent);
  return shares;
}
