// What failed in a vitest run, read from its JSON report, as one line per failure: the test's
// file and name and the first line of its error. `npm test` prints these at its end, so a log
// that keeps only its tail (as CI's does) still says which test failed and why.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

/** @param {string} reportPath a report written by vitest's `json` reporter */
export function vitestFailures(reportPath) {
  if (!existsSync(reportPath)) return ["(no report was written: the run stopped before its tests ended)"];
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  const lines = [];
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const test of failed)
      lines.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === "failed") lines.push(`${where}: ${firstLine(file.message)}`);
  }
  return lines;
}

function firstLine(text) {
  const line =
    String(text ?? "")
      .split("\n")
      .find((l) => l.trim() !== "") ?? "(no message)";
  return line.length > 400 ? line.slice(0, 400) + "…" : line;
}
