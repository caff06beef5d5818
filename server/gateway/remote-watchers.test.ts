import { describe, expect, it } from "vitest";
import { remoteWatchers, WATCHING_HOLDS_MS } from "./remote-watchers";

describe("remoteWatchers", () => {
  it("joins what every server says, and forgets a server whose word has run out", () => {
    let t = 0;
    const remote = remoteWatchers(() => t);
    remote.heard({ server: "a", flows: [{ flowId: "f1", editors: true }] });
    remote.heard({
      server: "b",
      flows: [
        { flowId: "f1", editors: false, viewRef: "tok" },
        { flowId: "f2", editors: true },
      ],
    });
    expect(remote.of("f1")).toEqual({ editors: true, viewRef: "tok" });
    expect(remote.of("f3")).toEqual({ editors: false });
    expect([...remote.flows()].sort()).toEqual(["f1", "f2"]);
    t = WATCHING_HOLDS_MS - 1;
    remote.heard({ server: "a", flows: [{ flowId: "f1", editors: true }] });
    t = WATCHING_HOLDS_MS;
    expect(remote.of("f1")).toEqual({ editors: true });
    expect([...remote.flows()]).toEqual(["f1"]);
  });

  it("replaces a server's earlier word: a flow it stopped watching is gone at once", () => {
    const remote = remoteWatchers(() => 0);
    remote.heard({ server: "a", flows: [{ flowId: "f1", editors: true }] });
    remote.heard({ server: "a", flows: [] });
    expect(remote.of("f1")).toEqual({ editors: false });
  });

  it("ignores malformed words and entries", () => {
    const remote = remoteWatchers(() => 0);
    remote.heard({ server: 1, flows: [] } as never);
    remote.heard({
      server: "a",
      flows: [{ flowId: 7 }, { flowId: "ok", editors: "yes", viewRef: 5 }],
    } as never);
    expect([...remote.flows()]).toEqual(["ok"]);
    expect(remote.of("ok")).toEqual({ editors: false });
  });
});
