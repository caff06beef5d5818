import * as z from "../zod";

// C0 and C1 controls and DEL; bidirectional marks, embeddings, overrides and isolates, which
// can make a name display as something else (e.g. "txt.exe" shown as "exe.txt").
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `text` cannot be a name or identifier people read, or null when it can: names refuse
 * control characters, bidirectional formatting characters and lone surrogates (half of a
 * UTF-16 pair, which no encoding can store).
 */
export function plainTextProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return "must not contain a lone surrogate (an incomplete UTF-16 character)";
  const hidden = HIDDEN.exec(text);
  if (hidden)
    return `must not contain control or bidirectional formatting characters (found U+${hidden[0]
      .charCodeAt(0)
      .toString(16)
      .toUpperCase()
      .padStart(4, "0")})`;
  return null;
}

/** Refines a string schema so names with hidden characters are refused, naming the field. */
export const plainText = <S extends z.ZodMiniString>(schema: S): S =>
  schema.check(
    z.superRefine((text: string, ctx) => {
      const problem = plainTextProblem(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  );
