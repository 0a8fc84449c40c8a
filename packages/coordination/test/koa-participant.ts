import { setTimeout as sleep } from "node:timers/promises";
import Router from "@koa/router";
import { startApp } from "@starter/testing";
import Koa from "koa";

/** A failure a participant can be told to show on a chosen write or revert. */
export type Fault =
  | "reject" // 422, nothing applied
  | "fail-before" // 500, nothing applied
  | "fail-after" // applied, then 500
  | "timeout-before" // no answer in time, nothing applied
  | "timeout-after" // applied, no answer in time
  | "applied-late" // no answer in time; applied after the caller gave up, as a service goes on with an aborted request
  | "third-party-write"; // someone else changes the resource just before this request is handled

/**
 * A write is a PUT of a request; a revert is a DELETE, or a PUT of an earlier representation (it carries
 * the read-only `version`). `call` counts within its kind, from 1.
 */
export type FaultRule = { readonly on: "write" | "revert"; readonly call: number; readonly fault: Fault };

type Stored = { value: Record<string, unknown>; version: number };
type Context = { get(name: string): string; status: number };

/**
 * A small real HTTP participant for the coordinator's tests: PUT/GET/DELETE with strong ETags and
 * If-Match / If-None-Match, and faults injected on chosen calls. Not a mock of a database: it is the
 * other side of the wire, which is what the coordinator talks to.
 */
export async function startKoaParticipant(options: { hangMs: number }) {
  const resources = new Map<string, Stored>();
  const faults: FaultRule[] = [];
  const calls = { write: 0, revert: 0 };
  let readsToHang = 0;
  const seenHeaders: Record<string, string | undefined>[] = [];
  const router = new Router();

  const faultFor = (kind: "write" | "revert") => {
    calls[kind] += 1;
    const call = calls[kind];
    return faults.find((rule) => rule.on === kind && rule.call === call)?.fault;
  };
  const representation = (stored: Stored) => ({ ...stored.value, version: stored.version });

  /** Faults and conditions, then the change; answers like a real service, or as the fault says. */
  async function handle(ctx: Context, id: string, kind: "write" | "revert", change: () => Stored | undefined) {
    const fault = faultFor(kind);
    if (fault === "applied-late") await sleep(options.hangMs);
    const refused =
      (await refusalBefore(fault, resources, id, options.hangMs)) ?? preconditionFailed(ctx, resources.get(id));
    if (refused !== undefined) return { status: refused };
    const existed = resources.has(id);
    const stored = change();
    if (fault === "timeout-after") await sleep(options.hangMs);
    if (fault === "fail-after") return { status: 500 };
    if (!stored) return { status: 204 };
    return { status: existed ? 200 : 201, stored };
  }

  router.get("/r/:id", async (ctx) => {
    if (readsToHang > 0) {
      readsToHang -= 1;
      await sleep(options.hangMs);
    }
    const stored = resources.get(ctx.params.id ?? "");
    if (!stored) {
      ctx.status = 404;
      return;
    }
    ctx.set("ETag", `"${stored.version}"`);
    ctx.body = representation(stored);
  });

  router.put("/r/:id", async (ctx) => {
    const id = ctx.params.id ?? "";
    const { version, ...value } = (await readJson(ctx.req)) as Record<string, unknown>;
    const answer = await handle(ctx, id, version === undefined ? "write" : "revert", () => {
      const stored = { value, version: (resources.get(id)?.version ?? 0) + 1 };
      resources.set(id, stored);
      return stored;
    });
    ctx.status = answer.status;
    if (answer.stored) {
      ctx.set("ETag", `"${answer.stored.version}"`);
      ctx.body = representation(answer.stored);
    }
  });

  router.delete("/r/:id", async (ctx) => {
    const id = ctx.params.id ?? "";
    const answer = await handle(ctx, id, "revert", () => {
      resources.delete(id);
      return undefined;
    });
    ctx.status = answer.status;
  });

  const app = new Koa();
  app.use(async (ctx, next) => {
    seenHeaders.push({
      requestId: ctx.get("x-request-id") || undefined,
      coordinationId: ctx.get("x-coordination-id") || undefined,
      authorization: ctx.get("authorization") || undefined,
      timeoutMs: ctx.get("x-request-timeout-ms") || undefined,
    });
    await next();
  });
  app.use(router.routes());
  const running = await startApp(app.callback());
  return {
    url: running.url,
    /** The next `times` writes (or reverts) not given a fault yet show `fault`. */
    failNext: (kind: "write" | "revert", fault: Fault, times = 1) => {
      const planned = Math.max(calls[kind], ...faults.filter((rule) => rule.on === kind).map((rule) => rule.call));
      for (let next = 1; next <= times; next++) faults.push({ on: kind, call: planned + next, fault });
    },
    /** The next `times` reads answer only after the hang (too late for a short deadline). */
    hangReads: (times: number) => {
      readsToHang = times;
    },
    /** Forgets the faults not met yet, so that what one test planned does not reach the next. */
    clearFaults: () => {
      faults.length = 0;
      readsToHang = 0;
    },
    seenHeaders,
    seed: (id: string, value: Record<string, unknown>) => resources.set(id, { value, version: 1 }),
    callCount: (kind: "write" | "revert") => calls[kind],
    /** What it holds now, without the read-only version. */
    valueOf: (id: string) => resources.get(id)?.value,
    [Symbol.asyncDispose]: () => running[Symbol.asyncDispose](),
  };
}

export type KoaParticipant = Awaited<ReturnType<typeof startKoaParticipant>>;

/** The status a fault answers with before anything is applied; undefined to go on. */
async function refusalBefore(fault: Fault | undefined, resources: Map<string, Stored>, id: string, hangMs: number) {
  if (fault === "third-party-write") thirdPartyWrite(resources, id);
  if (fault === "reject") return 422;
  if (fault === "fail-before") return 500;
  if (fault === "timeout-before") {
    await sleep(hangMs);
    return 503;
  }
  return undefined;
}

/** 412 when If-Match or If-None-Match: * does not hold for what is stored now. */
function preconditionFailed(ctx: Context, current: Stored | undefined): number | undefined {
  const ifMatch = ctx.get("If-Match");
  if (ctx.get("If-None-Match") === "*" && current) return 412;
  if (ifMatch && (!current || ifMatch !== `"${current.version}"`)) return 412;
  return undefined;
}

function thirdPartyWrite(resources: Map<string, Stored>, id: string): void {
  const current = resources.get(id);
  resources.set(id, { value: { ...current?.value, changedBy: "someone else" }, version: (current?.version ?? 0) + 1 });
}

async function readJson(stream: AsyncIterable<Buffer>): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString("utf8"));
}
