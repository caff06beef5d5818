import { describe, expect, it } from "vitest";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import { Ring } from "@/components/realtime/ring-buffer";
import { deliveryRow, rows } from "@/components/realtime/test-fixtures";
import { FilteredView } from "./filtered-view";
import { NO_FILTER } from "./inspector-store";
import { compileFilter, isFilterActive } from "@/lib/events/delivery-filter";

const shown = (view: FilteredView) => Array.from({ length: view.length }, (_, i) => view.at(i)!.seq);

describe("delivery filters", () => {
  const failedEmail = deliveryRow(1, "failed", {
    nodeId: "email",
    topicNodeId: "orders",
    topic: "orders",
    group: "email-senders",
    reason: "failure-rate",
  });
  const ackedLedger = deliveryRow(2, "acked", {
    nodeId: "ledger",
    topicNodeId: "payments",
    topic: "payments",
    group: "ledger",
    eventType: "payment.captured",
  });

  it("match by node (the step's node or its topic), topic, group and outcome", () => {
    expect(compileFilter({ ...NO_FILTER, nodeId: "email" })(failedEmail)).toBe(true);
    expect(compileFilter({ ...NO_FILTER, nodeId: "orders" })(failedEmail)).toBe(true);
    expect(compileFilter({ ...NO_FILTER, nodeId: "orders" })(ackedLedger)).toBe(false);
    expect(compileFilter({ ...NO_FILTER, topic: "payments" })(ackedLedger)).toBe(true);
    expect(compileFilter({ ...NO_FILTER, group: "ledger" })(failedEmail)).toBe(false);
    expect(compileFilter({ ...NO_FILTER, outcome: "failed", group: "email-senders" })(failedEmail)).toBe(
      true,
    );
    expect(isFilterActive(NO_FILTER)).toBe(false);
    expect(isFilterActive({ ...NO_FILTER, text: "  " })).toBe(false);
  });

  it("match free text in the row's fields and in payloads fetched so far, case insensitive", () => {
    expect(compileFilter({ ...NO_FILTER, text: "PAYMENT.capt" })(ackedLedger)).toBe(true);
    expect(compileFilter({ ...NO_FILTER, text: "failure-rate" })(failedEmail)).toBe(true);
    const payloads = {
      searchText: (id: string) => (id === "evt-1" ? '{"data":{"customer":"ada lovelace"}}' : undefined),
    };
    expect(compileFilter({ ...NO_FILTER, text: "Ada" }, payloads)(failedEmail)).toBe(true);
    expect(compileFilter({ ...NO_FILTER, text: "Ada" }, payloads)(ackedLedger)).toBe(false);
  });
});

describe("FilteredView", () => {
  const even = (row: DeliveryRow) => row.seq % 2 === 0;

  it("is the ring itself, newest first, without a filter", () => {
    const ring = new Ring<DeliveryRow>(5);
    const view = new FilteredView();
    ring.push(rows(0, 3));
    view.update(ring, null);
    expect(shown(view)).toEqual([2, 1, 0]);
    ring.push(rows(3, 4));
    view.update(ring, null);
    expect([shown(view), view.added]).toEqual([[6, 5, 4, 3, 2], 4]);
  });

  it("tests only arriving rows and forgets evicted matches", () => {
    const ring = new Ring<DeliveryRow>(10);
    const view = new FilteredView();
    ring.push(rows(0, 10));
    view.update(ring, even);
    expect(shown(view)).toEqual([8, 6, 4, 2, 0]);
    let calls = 0;
    const counting = (row: DeliveryRow) => (calls++, even(row));
    view.update(ring, counting); // a new predicate rescans
    calls = 0;
    ring.push(rows(10, 4));
    view.update(ring, counting);
    expect(calls).toBe(4);
    expect([shown(view), view.added]).toEqual([[12, 10, 8, 6, 4], 2]);
  });

  it("starts over when the ring is cleared or overrun, and stays right over many evictions", () => {
    const ring = new Ring<DeliveryRow>(100);
    const view = new FilteredView();
    for (let b = 0; b < 200; b++) {
      ring.push(rows(b * 37, 37));
      view.update(ring, even);
      const expected = ring
        .toArray()
        .filter(even)
        .map((r) => r.seq)
        .reverse();
      expect(shown(view)).toEqual(expected);
    }
    ring.clear();
    ring.push(rows(0, 2));
    view.update(ring, even);
    expect(shown(view)).toEqual([0]);
  });

  it("sees a reset even when as many rows came back as were pushed before", () => {
    const ring = new Ring<DeliveryRow>(10);
    const view = new FilteredView();
    ring.push(rows(0, 4));
    view.update(ring, null);
    ring.clear();
    ring.push(rows(100, 4));
    view.update(ring, even);
    view.update(ring, null);
    expect(shown(view)).toEqual([103, 102, 101, 100]);
    ring.clear();
    ring.push(rows(200, 4));
    view.update(ring, null);
    expect(shown(view)[0]).toBe(203);
    expect(view.added).toBe(0);
  });

  it("keeps the count of added rows when updated twice with nothing new", () => {
    const ring = new Ring<DeliveryRow>(10);
    const view = new FilteredView();
    ring.push(rows(0, 2));
    view.update(ring, null);
    ring.push(rows(2, 3));
    view.update(ring, null);
    view.update(ring, null);
    expect(view.added).toBe(3);
  });
});
