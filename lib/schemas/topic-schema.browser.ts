// "#topic-schema-checker" in the browser (package.json "imports"): the checker is not bundled
// with the pages; topic-schema-check.ts fetches it when a topic has a schema.
export const compileTopicSchema = undefined;
