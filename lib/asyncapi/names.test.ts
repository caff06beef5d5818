import { describe, expect, it } from "vitest";
import { TOPIC_NAME_PATTERN } from "@/lib/flow";
import { claimUnique, toEventType, toGroup, toId, toTopicName } from "./names";

describe("toTopicName", () => {
  it.each([
    [
      "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured",
      "smartylighting.streetlights.1.0.event.streetlightid.lighting.measured",
    ],
    ["shop/orders/placed", "shop.orders.placed"],
    ["/Payment Requests/", "payment-requests"],
    ["Ünïcode «quotes» & more", "ncode-quotes-more"],
    ["a..b__c--d", "a.b_c-d"],
    ["{}/*", "topic"],
  ])("%s → %s", (address, name) => {
    expect(toTopicName(address)).toBe(name);
    expect(name).toMatch(TOPIC_NAME_PATTERN);
  });

  it("keeps names within 80 characters, without a trailing separator", () => {
    const name = toTopicName(`${"x".repeat(79)}.abc`);
    expect(name).toBe("x".repeat(79));
    expect(toTopicName("y".repeat(200))).toHaveLength(80);
  });
});

describe("claimUnique", () => {
  it("numbers repeats and stays within the length limit", () => {
    const taken = new Set<string>();
    expect(["orders", "orders", "orders"].map((n) => claimUnique(n, taken, 80))).toEqual([
      "orders",
      "orders-2",
      "orders-3",
    ]);
    const long = "z".repeat(80);
    expect(claimUnique(long, taken, 80)).toBe(long);
    expect(claimUnique(long, taken, 80)).toBe(`${"z".repeat(78)}-2`);
  });
});

describe("ids, event types and groups", () => {
  it("keep only the characters the flow schema allows", () => {
    expect(toId("orders/{id}.placed")).toBe("orders-id-placed");
    expect(toId("***")).toBe("node");
    expect(toId("a".repeat(100))).toHaveLength(64);
    expect(toEventType("Order Placed!")).toBe("Order.Placed");
    expect(toEventType("com.acme/x:y-1")).toBe("com.acme/x:y-1");
    expect(toGroup("requestPayment.reply")).toBe("requestPayment.reply");
    expect(toGroup("take payment!")).toBe("take-payment");
  });
});
