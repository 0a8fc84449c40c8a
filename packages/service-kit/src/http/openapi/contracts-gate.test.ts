import { mkdtemp, readFile, rm } from "node:fs/promises";
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
function notesApp(note: z.ZodObject): ServiceAppOptions {
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
    api: { title: "Notes API", versions: createVersionRegistry([{ major: 1, state: "current" }]), info: TEST_API_INFO },
  });
}

const base = z.object({ id: z.string(), text: z.string() });
let dir = "";
afterEach(() => rm(dir, { recursive: true, force: true }));

async function gate(mode: "check" | "snapshot", note: z.ZodObject, snapshotsDir = dir) {
  const lines: string[] = [];
  const passed = await runContractsGate({
    mode,
    snapshotsDir,
    app: notesApp(note),
    findBreakingChanges,
    write: (line) => lines.push(line),
  });
  return { passed, output: lines.join("\n") };
}

describe("the contracts gate over a service's documents", () => {
  it("When there is no snapshot, then check fails saying how to make one; snapshot writes it, then check passes", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));

    expect(await gate("check", base)).toEqual({
      passed: false,
      output: "v1: no snapshot; run tools/pnpm contracts:snapshot",
    });
    await gate("snapshot", base);
    expect(JSON.parse(await readFile(join(dir, "v1.json"), "utf8")).info.title).toBe("Notes API, version 1");
    expect(await gate("check", base)).toEqual({ passed: true, output: "v1: unchanged" });
  });

  it("When the snapshot folder does not exist yet (a new service), then snapshot creates it", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    const missing = join(dir, "openapi");

    expect((await gate("snapshot", base, missing)).output).toBe("v1: snapshot written to v1.json");
    expect(await gate("check", base, missing)).toEqual({ passed: true, output: "v1: unchanged" });
  });

  it("When a member is added, then it passes as additive; when one is removed, then it fails naming it", async () => {
    dir = await mkdtemp(join(tmpdir(), "gate-"));
    await gate("snapshot", base);

    const added = await gate("check", base.extend({ tags: z.array(z.string()) }));
    const removed = await gate("check", base.omit({ text: true }));

    expect(added).toEqual({
      passed: true,
      output: "v1: additive changes only; refresh with tools/pnpm contracts:snapshot",
    });
    expect(removed.passed).toBe(false);
    expect(removed.output).toMatch(/v1: BREAKING[\s\S]*text/);
    // The report names the documents, not oasdiff's temporary files, and says what to do next.
    expect(removed.output).not.toContain(tmpdir());
    expect(removed.output).toContain("in the document the code builds now");
    expect(removed.output).toContain("tools/pnpm contracts:snapshot");
    expect(removed.output).toContain("a new major (v2)");
  });
});
