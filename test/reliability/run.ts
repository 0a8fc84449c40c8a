import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { startTcpProxy } from "@starter/testing";
import { startMongoServer } from "@starter/testing/mongo-server";
import { startServiceProcess, stopProcess } from "../e2e/delivery-process.ts";
import { badInputMatrix } from "./bad-input.ts";
import type { Target } from "./bad-input-cases.ts";
import { databaseFault } from "./database-fault.ts";
import { keepAliveRounds } from "./keep-alive.ts";
import { loadSmoke } from "./load-smoke.ts";
import { overload } from "./overload.ts";
import { Report } from "./report.ts";
import { twoInstances } from "./two-instances.ts";

/**
 * `pnpm reliability` (part of tools/check, after `pnpm build`): the services as built, as processes on
 * loopback over a local database, tried as an attacker and as an ordinary client would. Every part is
 * bounded and stops by itself; the figures are printed, and any failed check exits 1.
 */
const { values } = parseArgs({ options: { "load-seconds": { type: "string", default: "30" } } });
const loadSeconds = Number(values["load-seconds"]);

const report = new Report();
const children: ChildProcess[] = [];
const database = await startMongoServer();
const startedAt = Date.now();
try {
  process.stdout.write(`[reliability] database: ${database.description}\n`);
  const start = async (service: string, env: Record<string, string> = {}) => {
    const started = await startServiceProcess(service, { MONGODB_URI: database.uri, ...env });
    children.push(started.child);
    return started;
  };
  const db = (name: string) => `reliability_${name}_${randomBytes(3).toString("hex")}`;
  const deliveryDb = db("delivery");
  const delivery = await start("delivery", { MONGODB_DB: deliveryDb, DISPATCH_DURATION_MS: "50" });
  const second = await start("delivery", { MONGODB_DB: deliveryDb, DISPATCH_DURATION_MS: "50" });
  const legacy = await start("delivery-legacy", { MONGODB_DB: db("legacy") });
  const gateway = await start("gateway", {
    MONGODB_DB: db("gateway"),
    LEGACY_URL: legacy.url,
    DELIVERY_URL: delivery.url,
    READ_NEW_PERCENT: "50",
    COMPARE_INTERVAL_MS: "0",
  });
  const targets: Target[] = [
    {
      name: "delivery",
      url: delivery.url,
      itemPath: (id) => `/v2/deliveries/${id}`,
      validBody: () => ({ ...v2.deliveryInputExample }),
      versioned: true,
    },
    {
      name: "delivery-legacy",
      url: legacy.url,
      itemPath: (id) => `/v1/deliveries/${id}`,
      validBody: () => ({ ...v1.deliveryInputExample }),
      versioned: false,
    },
    {
      name: "gateway",
      url: gateway.url,
      itemPath: (id) => `/v2/deliveries/${id}`,
      validBody: () => ({ ...v2.deliveryInputExample }),
      versioned: true,
    },
  ];

  await step("bad-input matrix", () => badInputMatrix(targets, report));
  await step("keep-alive rounds", () => keepAliveRounds(targets, report));
  await step("two instances on one database", () => twoInstances([delivery.url, second.url], report));
  for (const mode of ["refused", "hung"] as const) {
    await step(`database ${mode}`, async () => {
      await using proxy = await startTcpProxy(database.uri);
      const faulty = await start("delivery", {
        MONGODB_URI: proxy.uri,
        MONGODB_DB: db(`fault_${mode}`),
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: "1000",
        MONGODB_SOCKET_TIMEOUT_MS: "2000",
      });
      await databaseFault(mode, { url: faulty.url, database: proxy }, report);
      await stopProcess(faulty.child);
    });
  }
  await step("overload", async () => {
    // A short deadline, so a few seconds of overload show where it bounds the wait.
    const deadlineMs = 1_000;
    const target = await start("delivery", { MONGODB_DB: db("overload"), REQUEST_DEADLINE_MS: String(deadlineMs) });
    await overload({ url: target.url, deadlineMs }, report);
    await stopProcess(target.child);
  });
  await step("load smoke", () => loadSmoke({ url: delivery.url, pid: delivery.child.pid ?? 0 }, loadSeconds, report));
} catch (error) {
  report.check("the suite ran to its end", false, (error as Error).message);
} finally {
  for (const child of children.toReversed()) await stopProcess(child);
  await database.stop();
}
report.print((text) => process.stdout.write(text));
process.stdout.write(`[reliability] ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
process.exit(report.failed ? 1 : 0);

async function step(name: string, run: () => Promise<void>): Promise<void> {
  const stepStarted = Date.now();
  await run();
  process.stdout.write(`[reliability] ${name} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)\n`);
}
