export * from "./envelope";
export * from "./fake-values";
export * from "./faker";
export * from "./template";
export * from "./poison";
