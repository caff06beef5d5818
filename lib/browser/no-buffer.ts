// Stands in, in the browser bundle only (next.config.js), for the polyfill of Node's `Buffer`
// that the bundler adds to any module naming the `Buffer` global (20 KB, 6.5 KB gzipped, in the
// designer's first load). The modules of the pages that name it use it on Node only and the
// browser's own means in a browser: lib0 (Yjs) picks atob/btoa when it finds a window, faker
// checks `typeof Buffer` first, and YAML's browser build uses atob/btoa.
export const Buffer = undefined;
