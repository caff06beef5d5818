"use client";

import { useState, type FormEvent } from "react";
import { initialsOf } from "@/lib/realtime/presence";
import { Button } from "@/components/ui/button";
import { useEditor, useEditorApi } from "../store/editor-context";
import { chooseName } from "./use-presence";

function Avatar({ name, colour, note }: { name: string; colour: string; note?: string }) {
  return (
    <span
      role="img"
      aria-label={note ? `${name}, ${note}` : name}
      title={note ? `${name} — ${note}` : name}
      className="inline-flex h-7 w-7 items-center justify-center rounded-full border-2 border-surface-raised text-[11px] font-semibold text-white"
      style={{ background: colour }}
    >
      {initialsOf(name)}
    </span>
  );
}

/** The people on this flow right now (initials and colour), and this person's own name. */
export function PeopleHere() {
  const people = useEditor((s) => s.people);
  const me = useEditor((s) => s.me);
  const askName = useEditor((s) => s.askName);
  const shareMode = useEditor((s) => s.shareMode);
  const [editing, setEditing] = useState(false);
  if (shareMode === "snapshot") return null;
  return (
    // On a phone, asking for a name takes the row to itself, so the undo and run buttons stay together below.
    <div className="flex items-center gap-2 max-sm:has-[form]:w-full">
      <ul aria-label="People here" className="flex -space-x-1.5">
        {people.map((p) => (
          <li key={p.clientId}>
            <Avatar
              name={p.user.name}
              colour={p.user.colour}
              note={p.editing ? "editing a node" : undefined}
            />
          </li>
        ))}
      </ul>
      {me && shareMode === "edit" && !askName && !editing && (
        <button
          type="button"
          className="rounded-full"
          aria-label={`You appear as ${me.name}: change your name`}
          onClick={() => setEditing(true)}
        >
          <Avatar name={me.name} colour={me.colour} note="you" />
        </button>
      )}
      {me && shareMode === "edit" && (askName || editing) && (
        <NameForm initial={askName ? "" : me.name} onDone={() => setEditing(false)} />
      )}
    </div>
  );
}

/** Asked once per browser, never in the way: the flow can be edited while it is open. */
function NameForm({ initial, onDone }: { initial: string; onDone: () => void }) {
  const editor = useEditorApi();
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    chooseName(editor, name);
    onDone();
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-1 max-sm:flex-1" aria-label="Your name">
      <input
        aria-label="Your name for others on this flow"
        placeholder="Your name for others here"
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.target.value)}
        className="h-7 w-44 rounded-md border border-line bg-surface px-2 text-xs max-sm:w-auto max-sm:min-w-0 max-sm:flex-1"
      />
      <Button type="submit" disabled={!name.trim()}>
        Save name
      </Button>
    </form>
  );
}
