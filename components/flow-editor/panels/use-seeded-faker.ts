"use client";

import { useEffect, useState } from "react";
import type { Faker } from "@faker-js/faker";

type MakeFaker = (seed: number) => Faker;

let loaded: MakeFaker | undefined;
let loading: Promise<MakeFaker> | undefined;

/** Starts loading faker (with its English data) if nobody has yet. */
export function loadSeededFaker(): Promise<MakeFaker> {
  loading ??= import("@/lib/events/faker").then((module) => (loaded = module.seededFaker));
  return loading;
}

/**
 * Faker for payload previews, loaded when the first preview is shown rather than with the
 * designer: it is most of a megabyte of code and data that only previews need. Undefined until
 * it has arrived (a moment on first use, at once afterwards).
 */
export function useSeededFaker(): MakeFaker | undefined {
  const [makeFaker, setMakeFaker] = useState<MakeFaker | undefined>(() => loaded);
  useEffect(() => {
    if (makeFaker) return;
    let live = true;
    void loadSeededFaker().then((make) => live && setMakeFaker(() => make));
    return () => {
      live = false;
    };
  }, [makeFaker]);
  return makeFaker;
}
