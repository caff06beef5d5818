export { exportAsyncApi, type AsyncApiExport, type ExportOptions } from "./export";
export { importAsyncApi, type AsyncApiImport } from "./import";
export { asyncApiText } from "./serialize";
export { templateToSchema, type TemplateSchema } from "./template-schema";
export { schemaToTemplate } from "./schema-template";
export type { AsyncApiDocument, Unmapped } from "./types";
