import pkg from "../package.json" with { type: "json" };

/** The running Eventloom version, from package.json. */
export const appVersion: string = pkg.version;
