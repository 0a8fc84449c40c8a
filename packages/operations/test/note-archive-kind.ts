import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "@starter/service-kit/auth";
import { AppError } from "@starter/service-kit/errors";
import { z } from "zod";
import type { OperationKind } from "../src/index.ts";

class NoteNotFoundError extends AppError<"note.not_found"> {
  constructor(id: string) {
    super("note.not_found", `note ${id} does not exist`);
  }
}

/**
 * A second, test-only operation kind: archiving a note. The notes live in memory; the operations, claims
 * and leases in the real database. `archivedBy` records each effect, so a test sees it applied once; a
 * note with an `owner` is seen by that subject only (when the app authenticates).
 */
export function noteArchiveKind(options: { workMs: number; effectThrows?: () => Error }) {
  const notes = new Map<string, { archivedBy: string[]; owner?: string }>();
  const visible = (id: string, principal: Principal | undefined) => {
    const note = notes.get(id);
    return note !== undefined && (!principal || !note.owner || note.owner === principal.subject);
  };
  const kind: OperationKind<"note.not_found"> = {
    name: "archive",
    operationId: "archiveNote",
    summary: "Archive a note",
    targetPath: "/v1/notes/{id}",
    targetId: z.string().regex(/^[a-z0-9-]{1,64}$/),
    check: async (id, principal) => {
      if (!visible(id, principal)) throw new NoteNotFoundError(id);
    },
    visibleTo: async (id, principal) => visible(id, principal),
    work: (_id, signal) => sleep(options.workMs, undefined, { signal }),
    effect: async (id, operationId) => {
      if (options.effectThrows) throw options.effectThrows();
      const note = notes.get(id);
      if (note && !note.archivedBy.includes(operationId)) note.archivedBy.push(operationId);
    },
    errors: ["note.not_found"],
  };
  return { kind, notes, errorMap: { "note.not_found": { status: 404, title: "Note not found" } } };
}
