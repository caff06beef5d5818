import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

// The zod of lib/ (`import * as z from "…/zod"`): lib/ runs in the browser, and zod's "mini"
// build keeps its checks as separate functions, so a page carries only the parsers its schemas
// use (about 10 KB gzipped in the designer's first load, against 31 KB for classic zod, which
// gives every schema every method and a JSON Schema converter). The parser and its messages are
// the same: a check here is the one the classic method adds (`z.string().min(1)` is
// `z.string().check(z.minLength(1))`), and classic zod takes these schemas inside its own, so
// code that runs only on the server may use either.
// English messages, which classic zod sets for itself and mini leaves to the app: the reason
// package.json lists this file as having side effects.
config(en());

export * from "zod/mini";
