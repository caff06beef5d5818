import { stringify as toYaml } from "yaml";
import type { AsyncApiDocument } from "./types";

/** The document as text to download: YAML (what AsyncAPI tools show) or JSON. */
export function asyncApiText(document: AsyncApiDocument, format: "yaml" | "json" = "yaml"): string {
  // aliasDuplicateObjects off: repeated reply objects stay written out, as in the JSON.
  return format === "json"
    ? `${JSON.stringify(document, null, 2)}\n`
    : toYaml(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
