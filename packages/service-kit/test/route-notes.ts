/**
 * A small aggregate for the resource routes' tests: notes over the kit's `OwnedAggregates` and
 * `MongoAggregateRepository`, in a collection of the test file's own, served by one `aggregateRoutes` base
 * (owners see their own notes; a token with `notes:admin` sees everyone's).
 */
import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import type { Access, Principal } from "../src/access/index.ts";
import type { BearerAuthenticationOptions } from "../src/auth/index.ts";
import { AppError } from "../src/errors/index.ts";
import { commonErrorMap } from "../src/http/error-map.ts";
import { aggregateRoutes } from "../src/http/routes/aggregate-routes.ts";
import type { Route } from "../src/http/routes/route.ts";
import { createServiceApp } from "../src/http/service-app.ts";
import { MongoAggregateRepository } from "../src/mongo/index.ts";
import {
  OwnedAggregates,
  type Page,
  type PageRequest,
  type Precondition,
  reviseDetails,
} from "../src/versioned-writes/index.ts";
import { linkSchema, pageQuery } from "../src/wire/index.ts";
import { testAppOptions } from "./app-options.ts";

export type Note = {
  readonly id: string;
  readonly version: number;
  readonly ownerId: string;
  readonly text: string;
  readonly colour: string;
};
type NoteFilter = { colour?: string; ownerId?: string };

export class NoteNotFoundError extends AppError<"note.not_found"> {
  constructor(id: string) {
    super("note.not_found", `note ${id} does not exist`);
  }
}
export class NoteOwnerForbiddenError extends AppError<"note.owner_forbidden"> {
  constructor(id: string) {
    super("note.owner_forbidden", `note ${id} cannot be someone else's`);
  }
}

export const noteErrorMap = {
  ...commonErrorMap,
  "note.not_found": { status: 404, title: "Note not found" },
  "note.owner_forbidden": { status: 403, title: "Note owner forbidden" },
} as const;

type NoteDetails = Readonly<{ ownerId: string; text: string; colour: string }>;

/** The notes' use cases (the kit's `OwnedAggregates`), remembering the access each was given. */
export class Notes extends OwnedAggregates<Note, NoteDetails, NoteFilter> {
  /** The access each use case was last given, by name: what the routes made of the caller. */
  readonly accessSeen: Record<string, Access> = {};

  constructor(database: TestDatabase) {
    super(new MongoAggregateRepository<Note>(database.db.collection(uniqueId("route_notes"))), {
      create: (id, details) => ({ id, version: 1, ...details }),
      revise: reviseDetails,
      notFound: (id) => new NoteNotFoundError(id),
      forbidden: (id) => new NoteOwnerForbiddenError(id),
    });
  }

  override get(id: string, access: Access): Promise<Note> {
    this.accessSeen.get = access;
    return super.get(id, access);
  }

  putInput(id: string, input: NoteInput, precondition: Precondition, access: Access) {
    this.accessSeen.put = access;
    return super.put(id, { ownerId: input.ownerId, text: input.text, colour: input.colour }, precondition, access);
  }

  remove(id: string, precondition: Precondition, access: Access) {
    this.accessSeen.remove = access;
    return super.delete(id, precondition, access);
  }

  override list(filter: NoteFilter, page: PageRequest, access: Access): Promise<Page<Note>> {
    this.accessSeen.list = access;
    return super.list(filter, page, access);
  }
}

/** The notes' v1 wire model. */
export const noteSchema = z.object({ id: z.string(), ownerId: z.string(), text: z.string(), colour: z.string() });
export const noteExample = { id: "note-1", ownerId: "owner-1", text: "Buy milk", colour: "red" };
export const noteInputSchema = noteSchema.partial({ id: true });
export type NoteInput = z.output<typeof noteInputSchema>;
export const noteQuerySchema = z.strictObject({
  colour: z.enum(["red", "blue"]).optional(),
  ownerId: z.string().min(1).optional(),
  ...pageQuery,
});
export const notePageSchema = z.object({
  items: z.array(noteSchema),
  _links: z.object({ self: linkSchema, next: linkSchema.optional() }),
});
export const notePageExample = { items: [noteExample], _links: { self: { href: "/v1/notes?limit=1" } } };

export const notesPath = "/v1/notes";
export const noteParams = z.object({ id: z.string().min(1) });
export const noteScopes = { read: ["notes:read"], write: ["notes:write"] };
export const toNoteDto = ({ id, ownerId, text, colour }: Note) => ({ id, ownerId, text, colour });
export const stored = {
  description: "The stored note.",
  schema: noteSchema,
  example: noteExample,
  headers: ["ETag"],
} as const;

/** The notes' routes: one base, four routes, no principal in any callback. */
export function noteRoutes(notes: Notes): Route[] {
  const family = aggregateRoutes({
    ...{ path: `${notesPath}/{id}`, params: noteParams, representation: "v1-note" },
    adminScope: "notes:admin",
    scopes: noteScopes,
  });
  return [
    family.list({
      ...{ operationId: "listNotes", path: notesPath, query: noteQuerySchema },
      summary: "List notes, filtered, in pages",
      description: "Ordered by id; follow _links.next.",
      response: { schema: notePageSchema, example: notePageExample },
      list: (filter, page, access) => notes.list(filter, page, access),
      item: toNoteDto,
    }),
    family.read({
      ...{ operationId: "getNote", summary: "Read a note", description: "The note with its ETag." },
      response: stored,
      errors: ["note.not_found"],
      read: async (id, access) => {
        const note = await notes.get(id, access);
        return { version: note.version, body: toNoteDto(note) };
      },
    }),
    family.put({
      ...{ operationId: "putNote", summary: "Create or replace a note", description: "201 when new, else 200." },
      body: { schema: noteInputSchema, example: noteExample },
      response: stored,
      errors: ["note.not_found", "note.owner_forbidden", "request.precondition_failed"],
      location: (id) => `${notesPath}/${id}`,
      put: async (id, body, precondition, access) => {
        const { outcome, value } = await notes.putInput(id, body, precondition, access);
        return { outcome, version: value.version, body: toNoteDto(value) };
      },
    }),
    family.remove({
      ...{ operationId: "deleteNote", summary: "Delete a note", description: "204, also when already gone." },
      errors: ["note.not_found", "request.precondition_failed"],
      remove: (id, precondition, access) => notes.remove(id, precondition, access),
    }),
  ];
}

/**
 * Tokens are their subject's name: `admin` also holds `notes:admin`, `reader` only `notes:read`, everyone else
 * reads and writes. The verifier itself is tested elsewhere.
 */
const notesAuth: BearerAuthenticationOptions = {
  realm: "notes",
  isPublic: () => false,
  verify: async (token): Promise<Principal> => {
    const scopes = { admin: ["notes:admin", ...noteScopes.read, ...noteScopes.write], reader: noteScopes.read };
    return {
      subject: token,
      clientId: token,
      scopes: new Set(scopes[token as keyof typeof scopes] ?? [...noteScopes.read, ...noteScopes.write]),
    };
  },
};

export const as = (subject: string) => ({ Authorization: `Bearer ${subject}` });

/** The test file's notes in a collection of their own, and an app serving them (undocumented statuses refused). */
export function useNotesApp(): { notes: () => Notes; app: () => ReturnType<typeof createServiceApp> } {
  let database: TestDatabase;
  let notes: Notes;
  beforeAll(async () => {
    database = await connectTestDatabase();
    notes = new Notes(database);
  });
  afterAll(async () => {
    await database[Symbol.asyncDispose]();
  });
  return {
    notes: () => notes,
    app: () =>
      createServiceApp(
        testAppOptions(noteRoutes(notes), {
          errorMap: noteErrorMap,
          auth: notesAuth,
          refuseUndocumentedStatuses: true,
        }),
      ),
  };
}
