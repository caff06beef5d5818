"use client";

import { useEffect, useState } from "react";
import type { templateSchemaProblems } from "./template-schema";

type Problems = typeof templateSchemaProblems;

let loaded: Problems | undefined;
let loading: Promise<Problems> | undefined;
const load = () =>
  (loading ??= import("./template-schema").then((module) => (loaded = module.templateSchemaProblems)));

/**
 * `templateSchemaProblems`, which brings the topic schema checker: loaded once a topic of the
 * flow has a schema (`needed`), not with the designer. Undefined until then, when no sample can
 * break a schema anyway.
 */
export function useTemplateSchemaProblems(needed: boolean): Problems | undefined {
  const [problems, setProblems] = useState<Problems | undefined>(() => loaded);
  useEffect(() => {
    if (problems || !needed) return;
    let live = true;
    void load().then(
      (found) => live && setProblems(() => found),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [problems, needed]);
  return problems;
}
