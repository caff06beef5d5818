import Ajv from "ajv";
import { fromAjv, re2, useCompiledSchemas } from "@/lib/schemas/topic-schema";

/**
 * The server checks topic schemas with Ajv: compiled validators, patterns on RE2 (linear time),
 * all violations listed. Each schema compiles on its own (its `$id` set aside, so topics cannot
 * collide) and is let go by Ajv's cache once compiled (the topic-schema cache keeps it).
 */
export function installCompiledSchemas(): void {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    logger: false,
    code: { regExp: re2 as never },
  });
  useCompiledSchemas(() => (schema) => {
    const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
    void _ignored;
    const validate = ajv.compile(rest);
    ajv.removeSchema(rest);
    return (data) => (validate(data) ? [] : fromAjv(validate.errors ?? []));
  });
}
