import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./security-headers";

describe("newNonce", () => {
  it("gives 16 random bytes as base64, never the same twice, across refills of its pool", () => {
    const nonces = Array.from({ length: 1000 }, () => newNonce());
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
    expect(new Set(nonces).size).toBe(1000);
    expect(contentSecurityPolicy(nonces[0], false)).toContain(`'nonce-${nonces[0]}'`);
  });
});
