import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TEST_API_INFO, testAppOptions } from "../../../test/app-options.ts";
import { createVersionRegistry } from "../../versions/index.ts";
import { defineRoute } from "../routes/route.ts";
import type { ServiceAppOptions } from "../service-app.ts";
import { runContractsGate } from "./contracts-gate.ts";

/** A one-route API whose note representation can gain or lose a member between two runs of the gate. */
function notesApp(note: z.ZodObject, minor: number): ServiceAppOptions {
  const getNote = defineRoute({
    operationId: "getNote",
    method: "get",
    path: "/v1/notes/{id}",
    params: z.object({ id: z.string() }),
    summary: "Read a note",
    description: "A test route.",
    // Fits every variant below: object schemas strip the members they do not name.
    responses: { "200": { description: "The note.", schema: note, example: { id: "n-1", text: "a", tags: [] } } },
    handle: () => {},
  });
  return testAppOptions([getNote], {
    api: {
      title: "Notes API",
      versions: createVersionRegistry([{ major: 1, minor, state: "current" }]),
      info: TEST_API_INFO,
    },
  });
}

const base = z.object({ id: z.string(), text: z.string() });
let dir = "";
afterEach(() => rm(dir, { recursive: true, force: true }));

async function gate(mode: "check" | "snapshot", note: z.ZodObject, minor = 0, snapshotsDir = dir) {
  const lines: string[] = [];
  const passed = await runContractsGate({
    mode,
    snapshotsDir,
    app: notesApp(note, minor),
    findBreakingChanges,
    write: (line) => lines.push(line),
  });
  return { passed, output: lines.join("\n") };
}

const published = async () => JSON.parse(await readFile(join(dir, "v1.json"), "utf8"));
const withTags = base.extend({ tags: z.array(z.string()) });

describe("the contracts gate over a service's documents", () => {
  it("When there is no snapshot, then check fails saying how to make one; snapshot writes it, then check passes", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));

    expect(await gate("check", base)).toEqual({
      passed: false,
      output: "v1: no snapshot; run tools/pnpm contracts:snapshot",
    });
    expect(await gate("snapshot", base)).toEqual({ passed: true, output: "v1: 1.0 written to v1.json" });
    expect((await published()).info).toMatchObject({ title: "Notes API, version 1", version: "1.0" });
    expect(await gate("check", base)).toEqual({ passed: true, output: "v1: 1.0, unchanged" });
  });

  it("When the snapshot folder does not exist yet (a new service), then snapshot creates it", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    const missing = join(dir, "openapi");

    expect((await gate("snapshot", base, 0, missing)).output).toBe("v1: 1.0 written to v1.json");
    expect(await gate("check", base, 0, missing)).toEqual({ passed: true, output: "v1: 1.0, unchanged" });
  });

  it("When a member is added under the published minor, then check and snapshot both refuse it, saying to move the minor", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);
    const before = await published();
    const message =
      "v1: additive changes, but the document is still 1.0: move the minor to 1.1 (`minor: 1` in the registry), add its changelog entry, then tools/pnpm contracts:snapshot";

    expect(await gate("check", withTags)).toEqual({ passed: false, output: message });
    expect(await gate("snapshot", withTags)).toEqual({ passed: false, output: message });
    expect(await published()).toEqual(before);
  });

  it("When a member is added and the minor moved by one, then check asks for the snapshot, snapshot publishes it, and check passes", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);

    expect(await gate("check", withTags, 1)).toEqual({
      passed: false,
      output: "v1: additive changes as 1.1, not published yet: tools/pnpm contracts:snapshot",
    });
    expect(await gate("snapshot", withTags, 1)).toEqual({ passed: true, output: "v1: 1.1 written to v1.json" });
    expect((await published()).info.version).toBe("1.1");
    expect(await gate("check", withTags, 1)).toEqual({ passed: true, output: "v1: 1.1, unchanged" });
  });

  it("When the minor moved but nothing else changed, or moved by more than one, then check and snapshot refuse it", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);
    const unchanged = "v1: the minor moved from 1.0 to 1.1, but the document did not change; set it back to 1.0";
    const skipped = "v1: the document goes from 1.0 to 1.2; a change moves the minor by one, to 1.1";

    expect(await gate("check", base, 1)).toEqual({ passed: false, output: unchanged });
    expect(await gate("snapshot", base, 1)).toEqual({ passed: false, output: unchanged });
    expect(await gate("check", withTags, 2)).toEqual({ passed: false, output: skipped });
    expect(await gate("snapshot", withTags, 2)).toEqual({ passed: false, output: skipped });
    expect((await published()).info.version).toBe("1.0");
  });

  it("When a member is removed, then it fails naming it; snapshot publishes it only with the minor moved, as a reviewed exception", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);

    const removed = await gate("check", base.omit({ text: true }));

    expect(removed.passed).toBe(false);
    expect(removed.output).toMatch(/v1: BREAKING[\s\S]*text/);
    // The report names the documents, not oasdiff's temporary files, and says what to do next.
    expect(removed.output).not.toContain(tmpdir());
    expect(removed.output).toContain("in the document the code builds now");
    expect(removed.output).toContain("move the minor to 1.1, add its changelog entry, and publish it");
    expect(removed.output).toContain("a new major (v2)");
    expect((await gate("snapshot", base.omit({ text: true }))).passed).toBe(false);
    expect(await gate("snapshot", base.omit({ text: true }), 1)).toEqual({
      passed: true,
      output: "v1: 1.1 written to v1.json",
    });
  });

  it("When the snapshot's version is not major.minor (a bare major), then the gate refuses it, saying how to publish afresh", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);
    const bare = await published();
    await writeFile(join(dir, "v1.json"), JSON.stringify({ ...bare, info: { ...bare.info, version: "1" } }));

    expect(await gate("check", base)).toEqual({
      passed: false,
      output:
        'v1: openapi/v1.json carries the version "1", not 1.<minor>; delete it and publish it afresh with tools/pnpm contracts:snapshot',
    });
  });
});
