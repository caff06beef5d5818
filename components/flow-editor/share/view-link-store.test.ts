import { describe, expect, it } from "vitest";
import { loadViewToken, saveViewToken } from "./view-link-store";

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe("view link store", () => {
  it("remembers one token per flow and forgets it on removal", () => {
    const storage = memoryStorage();
    expect(loadViewToken("a", storage)).toBeNull();
    saveViewToken("a", "token-a", storage);
    saveViewToken("b", "token-b", storage);
    saveViewToken("a", "token-a2", storage);
    expect(loadViewToken("a", storage)).toBe("token-a2");
    saveViewToken("a", null, storage);
    expect(loadViewToken("a", storage)).toBeNull();
    expect(loadViewToken("b", storage)).toBe("token-b");
  });

  it("survives damaged storage", () => {
    const storage = memoryStorage();
    storage.setItem("eventloom.viewLinks", "not json");
    expect(loadViewToken("a", storage)).toBeNull();
    saveViewToken("a", "t", storage);
    expect(loadViewToken("a", storage)).toBe("t");
  });
});
