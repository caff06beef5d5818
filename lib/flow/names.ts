/**
 * `base` if unused, else `base-2`, `base-3` … (a trailing `-N` of `base` is replaced, not
 * stacked), kept within `maxLength`: for topic names, consumer groups and ids.
 */
export function uniqueName(base: string, taken: ReadonlySet<string>, maxLength = 80): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, "");
  for (let i = 2; ; i++) {
    const candidate = `${stem.slice(0, maxLength - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
