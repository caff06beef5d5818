export * from "./limits";
export * from "./schema";
export * from "./validate";
export * from "./describe";
export * from "./results";
