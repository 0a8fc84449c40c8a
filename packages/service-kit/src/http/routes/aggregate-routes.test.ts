import { http, startApp, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import {
  as,
  notePageExample,
  notePageSchema,
  noteParams,
  noteQuerySchema,
  notesPath,
  useNotesApp,
} from "../../../test/route-notes.ts";
import { type Access, EVERYTHING, type Principal } from "../../access/index.ts";
import type { AppContext } from "../app-context.ts";
import { aggregateRoutes } from "./aggregate-routes.ts";

const { app, notes } = useNotesApp();
const bob: Access = { everything: false, ownerId: "bob" };

async function aliceNote(url: string): Promise<string> {
  const noteUrl = `${url}${notesPath}/${uniqueId("note")}`;
  const json = { ownerId: "alice", text: "alice's", colour: "red" };
  expect((await http(noteUrl, { method: "PUT", json, headers: as("alice") })).status).toBe(201);
  return noteUrl;
}

describe("aggregateRoutes: one base per aggregate, the caller's access handed to every callback", () => {
  it("When an owner calls, then read, put, remove and list get that owner's access: someone else's note is not found, and not listed", async () => {
    await using running = await startApp(app().callback());
    const url = await aliceNote(running.url);
    const json = { ownerId: "bob", text: "taken", colour: "blue" };

    const read = await http(url, { headers: as("bob") });
    const put = await http(url, { method: "PUT", json, headers: as("bob") });
    const removed = await http(url, { method: "DELETE", headers: as("bob") });
    const list = await http(`${running.url}${notesPath}?ownerId=alice`, { headers: as("bob") });

    expect([read.status, put.status, removed.status]).toEqual([404, 404, 404]);
    expect([list.status, list.body.items]).toEqual([200, []]);
    expect(notes().accessSeen).toEqual({ get: bob, put: bob, remove: bob, list: bob });
    expect((await http(url, { headers: as("alice") })).body.text).toBe("alice's");
  });

  it("When the caller holds the base's admin scope, then the callbacks get everything: it reads and removes anyone's", async () => {
    await using running = await startApp(app().callback());
    const url = await aliceNote(running.url);

    const read = await http(url, { headers: as("admin") });
    const removed = await http(url, { method: "DELETE", headers: as("admin") });

    expect([read.status, read.body.ownerId, removed.status]).toEqual([200, "alice", 204]);
    expect(notes().accessSeen).toMatchObject({ get: EVERYTHING, remove: EVERYTHING });
  });

  it("When the token holds the base's read scopes only, then put and remove are refused (403) and read is served", async () => {
    await using running = await startApp(app().callback());
    const url = await aliceNote(running.url);
    const json = { ownerId: "reader", text: "mine", colour: "red" };

    const put = await http(`${running.url}${notesPath}/${uniqueId("note")}`, {
      method: "PUT",
      json,
      headers: as("reader"),
    });
    const removed = await http(url, { method: "DELETE", headers: as("reader") });
    const list = await http(`${running.url}${notesPath}`, { headers: as("reader") });

    expect([put.status, removed.status, list.status]).toEqual([403, 403, 200]);
    expect(put.headers.get("www-authenticate")).toContain('scope="notes:write"');
  });

  it("When the base gives an accessOf of its own (and a tag), then it decides the access each callback gets", async () => {
    const principals: (Principal | undefined)[] = [];
    const family = aggregateRoutes({
      ...{ path: `${notesPath}/{id}`, params: noteParams, representation: "v1-note", tag: "memos" },
      accessOf: (principal) => {
        principals.push(principal);
        return bob;
      },
    });
    const seen: Access[] = [];
    const list = family.list({
      ...{ operationId: "listNotes", path: notesPath, query: noteQuerySchema, summary: "List", description: "List." },
      response: { schema: notePageSchema, example: notePageExample },
      list: async (_filter, _page, access) => {
        seen.push(access);
        return { items: [], hasMore: false };
      },
      item: (note) => note,
    });
    const carol = { subject: "carol", clientId: "carol", scopes: new Set<string>() };

    const answer = await list.handle({ url: notesPath } as AppContext, {
      ...{ params: undefined, query: { limit: 5 }, body: undefined },
      principal: carol,
    });

    expect([principals, seen]).toEqual([[carol], [bob]]);
    expect([list.tag, list.scopes]).toEqual(["memos", undefined]);
    expect(answer).toMatchObject({ status: 200, body: { items: [], _links: { self: { href: notesPath } } } });
  });
});
