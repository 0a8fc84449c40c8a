import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, inject } from "vitest";
import { startServiceProcess } from "./delivery-process.ts";

/**
 * Built services started as processes for one test file, each with a database of its own on the run's
 * server, and all stopped after the file (those a test killed itself are left alone).
 */
export function useServiceProcesses() {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
  return {
    /** A database name no other test uses. */
    database: (name: string) => `${inject("mongoDbName")}_${name}_${randomBytes(3).toString("hex")}`,
    start: async (service: string, env: Record<string, string>) => {
      const started = await startServiceProcess(service, { MONGODB_URI: inject("mongoUri"), ...env });
      children.push(started.child);
      return started;
    },
  };
}

/** A valid version 2 delivery body, as a client of the gateway sends it. */
export function v2Delivery(overrides: Record<string, unknown> = {}) {
  return {
    ownerId: "u-1",
    pickup: { latitude: 1, longitude: 2 },
    dropoff: { latitude: 3, longitude: 4 },
    deadline: "2026-12-01T10:00:00Z",
    packages: [{ id: "p-1", size: "small", weightKg: 1 }],
    ...overrides,
  };
}

/** Polls until `check` returns a value (or the time is up: undefined). */
export async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(20);
  }
  return undefined;
}
