"use client";

import { Component, lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";
import { Button } from "./button";

/**
 * A part of the page fetched when first shown (not with the page). When its code cannot be
 * fetched (the connection was away when it was needed), it says so in place of the part,
 * never a blank panel or a broken page. The bundler keeps a failed fetch for good, so only a
 * reload brings the part, once the connection is back. `what` names it ("The properties form").
 */
export function onDemand<P extends object>(
  load: () => Promise<ComponentType<P>>,
  what: string,
): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  function OnDemand(props: P) {
    return (
      <LoadBoundary what={what}>
        <Suspense fallback={null}>
          <Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  OnDemand.displayName = `OnDemand(${what})`;
  return OnDemand;
}

class LoadBoundary extends Component<{ what: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <NotLoaded what={this.props.what} /> : this.props.children;
  }
}

const subscribe = (changed: () => void) => {
  window.addEventListener("online", changed);
  window.addEventListener("offline", changed);
  return () => {
    window.removeEventListener("online", changed);
    window.removeEventListener("offline", changed);
  };
};

function NotLoaded({ what }: { what: string }) {
  const online = useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  );
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-2 rounded-md bg-failed/10 p-2 text-xs text-ink"
    >
      <p>
        {what} could not be loaded: the connection was away when it was needed.{" "}
        {online
          ? "Reload the page to load it."
          : "Once the connection is back, reload the page to load it (edits not yet synced are kept until then)."}
      </p>
      <Button disabled={!online} onClick={() => window.location.reload()}>
        Reload page
      </Button>
    </div>
  );
}
