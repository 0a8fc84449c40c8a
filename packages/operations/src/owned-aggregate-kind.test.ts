import type { Access } from "@starter/service-kit/access";
import { AppError } from "@starter/service-kit/errors";
import type { Precondition, Revision } from "@starter/service-kit/versioned-writes";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ownedAggregateKind } from "./owned-aggregate-kind.ts";

type Note = { id: string; version: number; ownerId: string; archived: boolean };

class NoteNotFound extends AppError<"note.not_found"> {
  constructor(id: string) {
    super("note.not_found", `note ${id} does not exist`);
  }
}

/** The target as the kind sees it: notes held in a map, reads and changes recorded with the access they had. */
function notesTarget(notes: Map<string, Note>) {
  const calls: string[] = [];
  const visible = (note: Note | undefined, access: Access) =>
    note && (access.everything || access.ownerId === note.ownerId);
  return {
    calls,
    get: async (id: string, access: Access) => {
      const note = notes.get(id);
      if (!visible(note, access) || !note) throw new NoteNotFound(id);
      return note;
    },
    isVisible: async (id: string, access: Access) => Boolean(visible(notes.get(id), access)),
    change: async (
      id: string,
      _precondition: Precondition,
      access: Access,
      change: (current: Note) => Revision<Note>,
    ) => {
      calls.push(`change ${id} for ${access.everything ? "everything" : access.ownerId}`);
      const current = notes.get(id);
      if (current) notes.set(id, change(current).value);
    },
  };
}

const archive = (note: Note): Revision<Note> => ({ value: { ...note, archived: true }, changed: !note.archived });
const declaration = {
  name: "archive",
  operationId: "archiveNote",
  summary: "Archive a note",
  targetPath: "/v1/notes/{id}",
};

describe("ownedAggregateKind", () => {
  it("When the kind has no check of its own, then a missing or someone else's target is still not found", async () => {
    const notes = new Map([["n-1", { id: "n-1", version: 1, ownerId: "ann", archived: false }]]);
    const kind = ownedAggregateKind(notesTarget(notes), {
      ...declaration,
      targetId: z.string(),
      adminScope: "notes:admin",
      effect: archive,
      errors: ["note.not_found"],
    });
    const bob = { subject: "bob", clientId: "bob", scopes: new Set<string>() };

    await expect(kind.check("missing", undefined)).rejects.toBeInstanceOf(NoteNotFound);
    await expect(kind.check("n-1", bob)).rejects.toBeInstanceOf(NoteNotFound);
    await expect(kind.check("n-1", undefined)).resolves.toBeUndefined();
    expect(await kind.visibleTo("n-1", bob)).toBe(false);
  });

  it("When its effect runs, then the change is applied for nobody's account (everything) and the check's refusal comes first", async () => {
    const notes = new Map([["n-1", { id: "n-1", version: 1, ownerId: "ann", archived: true }]]);
    const target = notesTarget(notes);
    const kind = ownedAggregateKind(target, {
      ...declaration,
      targetId: z.string(),
      adminScope: "notes:admin",
      check: (note) => {
        if (note.archived) throw new Error("already archived");
      },
      effect: archive,
      errors: ["note.not_found"],
    });

    await expect(kind.check("n-1", undefined)).rejects.toThrow("already archived");
    await kind.effect("n-1", "op-1");

    expect(target.calls).toEqual(["change n-1 for everything"]);
  });
});
