"use client";

import { useCallback, type PointerEvent } from "react";
import { useReactFlow, useStore } from "@xyflow/react";
import { useEditor, useEditorApi } from "../store/editor-context";
import type { Person } from "../store/presence-slice";

/** Shares this person's pointer on the canvas, in flow coordinates (so zoom and pan do not matter). */
export function usePointerSharing() {
  const editor = useEditorApi();
  const { screenToFlowPosition } = useReactFlow();
  const onPointerMove = useCallback(
    (e: PointerEvent) => {
      const { shareMode, shared } = editor.getState();
      if (shareMode !== "edit") return;
      // Where the pointer is, not the grid point nearest it: others see it glide, not jump 16 px.
      const point = screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false });
      shared.awareness.setLocalStateField("pointer", { x: Math.round(point.x), y: Math.round(point.y) });
    },
    [editor, screenToFlowPosition],
  );
  const onPointerLeave = useCallback(() => {
    const { shareMode, shared } = editor.getState();
    if (shareMode === "edit") shared.awareness.setLocalStateField("pointer", null);
  }, [editor]);
  return { onPointerMove, onPointerLeave };
}

/**
 * The other people's pointers on the canvas, each in their colour with their name, in a layer
 * that follows the view. Not a portal into React Flow's viewport: that looks its element up in the
 * page at every change to the canvas, a hundred times a second on a big flow others are editing.
 */
export function RemotePointers() {
  const people = useEditor((s) => s.people);
  const pointing = people.filter((p): p is Pointing => !!p.pointer);
  return pointing.length > 0 ? <PointerLayer people={pointing} /> : null;
}

type Pointing = Person & { pointer: NonNullable<Person["pointer"]> };

function PointerLayer({ people }: { people: readonly Pointing[] }) {
  const [x, y, zoom] = useStore((s) => s.transform);
  return (
    <div className="pointer-events-none absolute inset-0 z-[4] overflow-hidden">
      <div
        className="absolute top-0 left-0 origin-top-left"
        style={{ transform: `translate(${x}px, ${y}px) scale(${zoom})` }}
      >
        {people.map((p) => (
          <div
            key={p.clientId}
            role="img"
            aria-label={`${p.user.name}'s pointer`}
            className="absolute top-0 left-0 transition-transform duration-75 motion-reduce:transition-none"
            style={{ transform: `translate(${p.pointer.x}px, ${p.pointer.y}px)` }}
          >
            <svg width="16" height="18" viewBox="0 0 16 18" aria-hidden="true">
              <path
                d="M1 1 L1 15 L5 11 L8 17 L10.5 16 L7.5 10 L13 10 Z"
                fill={p.user.colour}
                stroke="white"
              />
            </svg>
            <span
              className="ml-3 rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white"
              style={{ background: p.user.colour }}
            >
              {p.user.name}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Per people list: for each node someone has selected, "name|colour" of each of them, by commas. */
const selectorsOf = new WeakMap<readonly Person[], Map<string, string>>();

export function selectionsByNode(people: readonly Person[]): Map<string, string> {
  let byNode = selectorsOf.get(people);
  if (!byNode) {
    byNode = new Map();
    for (const person of people)
      for (const nodeId of new Set(person.selection?.nodes)) {
        const entry = `${person.user.name}|${person.user.colour}`;
        const before = byNode.get(nodeId);
        byNode.set(nodeId, before === undefined ? entry : `${before},${entry}`);
      }
    selectorsOf.set(people, byNode);
  }
  return byNode;
}

/** The people who have this node selected (shown as an outline and their names on the card). */
export function useSelectedBy(nodeId: string) {
  return useEditor((s) => selectionsByNode(s.people).get(nodeId) ?? "");
}
