import type { Metadata } from "next";
import { SnapshotView } from "./snapshot-view";

export const metadata: Metadata = {
  title: "Snapshot",
  description:
    "A read-only preview of an Eventloom flow carried in the link; save it as a new flow to edit and run it.",
  robots: { index: false },
};

/** The graph travels in the URL fragment, so everything happens in the browser. */
export default function SnapshotPage() {
  return <SnapshotView />;
}
