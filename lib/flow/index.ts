export * from "./diff";
export * from "./filter";
export * from "./limits";
export * from "./migrations";
export * from "./node-kinds";
export * from "./schema";
export * from "./validate";
export * from "./parse-stored";
