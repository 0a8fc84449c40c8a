import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import * as v2 from "@starter/contracts/v2";
import type { V2Schemas } from "@starter/delivery-client";
import { afterAll, inject } from "vitest";
import { startServiceProcess, stopProcess } from "./delivery-process.ts";

/**
 * Built services started as processes for one test file, each with a database of its own on the run's
 * server, and all stopped after the file (those a test killed itself are left alone).
 */
export function useServiceProcesses() {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // Last started first: a gateway stops before the services it sends to.
    for (const child of children.toReversed()) await stopProcess(child);
  });
  /** A database name no other test uses. */
  const database = (name: string) => `${inject("mongoDbName")}_${name}_${randomBytes(3).toString("hex")}`;
  const start = async (service: string, env: Record<string, string>) => {
    const started = await startServiceProcess(service, { MONGODB_URI: inject("mongoUri"), ...env });
    children.push(started.child);
    return started;
  };
  return {
    start,
    /** The two sides of the migration, each with a database of its own (and `env`: AUTH_* of an issuer). */
    startDeliveryServices: async (env: Record<string, string> = {}) => ({
      legacy: await start("delivery-legacy", { MONGODB_DB: database("legacy"), ...env }),
      delivery: await start("delivery", { MONGODB_DB: database("delivery"), ...env }),
    }),
    /**
     * The environment of a gateway in front of the two sides, with a database of its own; complete, so
     * that a restarted gateway or one of its commands finds the same journal and drifts.
     */
    gatewayEnv: (legacyUrl: string, deliveryUrl: string, settings: Record<string, string> = {}) => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: database("gateway"),
      LEGACY_URL: legacyUrl,
      DELIVERY_URL: deliveryUrl,
      ...settings,
    }),
  };
}

/** A valid version 2 delivery body, as a client of the gateway sends it: the documented example. */
export function v2Delivery(overrides: Partial<V2Schemas["DeliveryInput"]> = {}): V2Schemas["DeliveryInput"] {
  // The contracts' example, typed by the zod schema, is the document's example: the same contract.
  return { ...(v2.deliveryInputExample as V2Schemas["DeliveryInput"]), ...overrides };
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
