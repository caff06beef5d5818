import { describe, expect, it } from "vitest";
import { seededFaker } from "./faker";
import { compileTemplate } from "./template";

const ctx = (seed = 7) => ({ faker: seededFaker(seed), nowMs: Date.UTC(2026, 0, 2, 3, 4, 5), seq: 3 });

describe("compileTemplate", () => {
  it("fills whole-value, bare and inline placeholders with typed values", () => {
    const t = compileTemplate(
      '{"n": "{{seq}}", "q": {{int:4:4}}, "label": "order #{{seq}} at {{timestamp}}", "c": "{{pick:EUR}}"}',
    );
    expect(t.ok && t.placeholders).toEqual(["seq", "int", "seq", "timestamp", "pick"]);
    expect(t.ok && t.render(ctx())).toEqual({
      n: 3,
      q: 4,
      label: "order #3 at 2026-01-02T03:04:05.000Z",
      c: "EUR",
    });
  });

  it("is reproducible from the seed and different across seeds", () => {
    const t = compileTemplate('{"id": "{{orderId}}", "email": "{{email}}"}');
    if (!t.ok) throw new Error(t.message);
    expect(t.render(ctx(1))).toEqual(t.render(ctx(1)));
    expect(t.render(ctx(1))).not.toEqual(t.render(ctx(2)));
    expect((t.render(ctx(1)) as { id: string }).id).toMatch(/^ord_[a-z0-9]{10}$/);
  });

  it("escapes inline values so the payload stays JSON", () => {
    const t = compileTemplate('{"s": "say {{pick:\\"hi\\"}}"}');
    expect(t.ok && t.render(ctx())).toEqual({ s: 'say "hi"' });
  });

  it("returns frozen payloads, shared when there are no placeholders", () => {
    const t = compileTemplate('{"a": {"b": 1}}');
    if (!t.ok) throw new Error(t.message);
    const one = t.render(ctx()) as { a: { b: number } };
    expect(one).toBe(t.render(ctx()));
    expect(Object.isFrozen(one.a)).toBe(true);
  });

  it("explains unknown placeholders and invalid JSON", () => {
    expect(compileTemplate('{"x": "{{nope}}"}')).toEqual({
      ok: false,
      message: expect.stringMatching(/^unknown placeholder \{\{nope\}\}: use one of uuid, seq/),
    });
    expect(compileTemplate("{oops}")).toEqual({
      ok: false,
      message: expect.stringMatching(/^the template is not valid JSON/),
    });
    const t = compileTemplate('{"x": {{word}} }');
    expect(t.ok).toBe(true);
    if (t.ok) expect(() => t.render(ctx())).not.toThrow();
  });

  it("reads spaced placeholders and arguments as before the linear-time pattern", () => {
    const t = compileTemplate('{"a": "{{ seq }}", "b": {{int:7:7 }}, "c": "n{{ pick:x|y }}"}');
    expect(t.ok).toBe(true);
    if (t.ok) expect(t.render(ctx())).toEqual({ a: 3, b: 7, c: "nx" });
  });

  it("refuses hostile 16 KB templates of unclosed placeholders as invalid JSON (linearity: server/runtime/producer/template-pattern.test.ts)", () => {
    for (const text of ["{{a:" + " ".repeat(16_000), "{{a:".repeat(4000), "{{ a:".repeat(3200) + "}"]) {
      expect(compileTemplate(text)).toEqual({
        ok: false,
        message: expect.stringMatching(/^the template is not valid JSON/),
      });
    }
  });
});
