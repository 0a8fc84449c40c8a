import { describe, expect, it } from "vitest";
import { z } from "zod";
import { changeUnit, replaceMember, type WireObject } from "./change-unit.ts";
import { versionChain } from "./version-chain.ts";

/** Two resources of one service, each with its own versions: a note renamed `body` to `text` in v2. */
const renameBodyToText = changeUnit<"note", { body: string }, { text: string }>({
  resource: "note",
  name: "rename-body-to-text",
  why: "test",
  toNewer: ({ body, ...rest }) => ({ ...rest, text: body }),
  toOlder: ({ text, ...rest }) => ({ ...rest, body: text }),
  pathToOlder: (path) => (path[0] === "text" ? ["body", ...path.slice(1)] : path),
  shapeToOlder: (shape, form) =>
    replaceMember(shape, "text", { body: form === "request" ? z.string().trim() : z.string() }),
});
const addTags = changeUnit<"note", WireObject, { tags: string[] }>({
  resource: "note",
  name: "add-tags",
  why: "test",
  toNewer: (request) => ({ ...request, tags: [] }),
  toOlder: ({ tags: _tags, ...rest }) => rest,
  shapeToOlder: (shape) => replaceMember(shape, "tags", {}),
});

describe("a version chain", () => {
  const notes = versionChain("note", [
    { from: 2, to: 3, changes: [addTags] },
    { from: 1, to: 2, changes: [renameBodyToText] },
  ]);

  it("When a v1 request goes up and the answer comes back down, then each step applies in order and reverses", () => {
    const newest = notes.toNewer({ id: "n-1", body: "hi" }, 1);

    expect(newest).toEqual({ id: "n-1", text: "hi", tags: [] });
    expect(notes.toOlder(newest, 1)).toEqual({ id: "n-1", body: "hi" });
    expect(notes.toOlder(newest, 2)).toEqual({ id: "n-1", text: "hi" });
    expect(notes.pathToOlder(["text"], 1)).toEqual(["body"]);
    expect(notes.newestMajor).toBe(3);
  });

  it("When an older schema is derived, then each unit replaces its members in place, request and response apart", () => {
    const newest = z.object({ id: z.string(), text: z.string(), tags: z.array(z.string()), done: z.boolean() });

    const v1Request = notes.olderSchema(newest, 1, "request");
    const v2Response = notes.olderSchema(newest, 2, "response");

    expect(Object.keys(v1Request.shape)).toEqual(["id", "body", "done"]);
    expect(v1Request.parse({ id: "n", body: "  hi ", done: false })).toEqual({ id: "n", body: "hi", done: false });
    expect(notes.olderSchema(newest, 1, "response").parse({ id: "n", body: " hi", done: true }).body).toBe(" hi");
    expect(Object.keys(v2Response.shape)).toEqual(["id", "text", "done"]);
    expect(notes.olderSchema(newest, 3, "request").shape).toEqual(newest.shape);
  });

  it("When code speaks version 2 while a version 3 exists, then the chain up to 2 moves v1 and v2 bodies only", () => {
    const upToV2 = notes.upTo(2);

    expect(upToV2.newestMajor).toBe(2);
    expect(upToV2.toNewer({ id: "n-1", body: "hi" }, 1)).toEqual({ id: "n-1", text: "hi" });
    expect(upToV2.toOlder({ id: "n-1", text: "hi" }, 1)).toEqual({ id: "n-1", body: "hi" });
  });

  it("When a second resource has its own chain, then it never inherits the first one's units", () => {
    const tasks = versionChain("task", []);

    expect(tasks.toOlder({ text: "kept", tags: ["a"] }, 1)).toEqual({ text: "kept", tags: ["a"] });
    // @ts-expect-error a unit of the note resource does not fit the task chain
    expect(() => versionChain("task", [{ from: 1, to: 2, changes: [renameBodyToText] }])).toThrow(
      /task chain was given units of other resources: rename-body-to-text \(note\)/,
    );
  });
});
