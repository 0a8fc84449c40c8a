import { http, startService } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { integerFromEnv } from "../config/index.ts";
import { defineRoute } from "../http/index.ts";
import { defineService } from "./define-service.ts";
import type { ModuleContext, ServiceModule } from "./service-module.ts";

type Config = { GREETING_REPEAT: number };

/** A module that records what the kit does with it, in order. */
function recordingModule(context: ModuleContext<Config>, steps: string[], ready: { now: boolean }): ServiceModule {
  return {
    name: "greetings",
    indexes: async () => {
      steps.push(`indexes on ${context.db.databaseName}`);
    },
    routes: [
      defineRoute({
        operationId: "getGreeting",
        method: "get",
        path: "/v1/greeting",
        summary: "A greeting",
        description: "Hello, as often as GREETING_REPEAT says.",
        responses: { "200": { description: "The greeting." } },
        handle: (ctx) => {
          ctx.body = { text: "hello ".repeat(context.config.GREETING_REPEAT).trim() };
        },
      }),
    ],
    background: [
      {
        name: "greeter",
        start: async () => {
          steps.push("background started");
          return { value: undefined, stop: async () => void steps.push("background stopped") };
        },
      },
    ],
    ready: async () => ready.now,
  };
}

function greetings(steps: string[], ready = { now: true }) {
  return defineService({
    name: "greetings",
    config: {
      port: 3999,
      dbName: "greetings",
      variables: { GREETING_REPEAT: integerFromEnv({ min: 1, max: 5 }).default(1) },
    },
    api: { title: "Greetings API", versions: [{ major: 1, state: "current" }] },
    modules: (context) => [recordingModule(context, steps, ready)],
  });
}

describe("defineService", () => {
  it("When a declared service starts, then its own variables are read, its indexes made before its background work, and it serves its routes", async () => {
    const steps: string[] = [];
    await using service = await startService(greetings(steps), { env: { GREETING_REPEAT: "2" } });

    const answer = await http(`${service.url}/v1/greeting`);

    expect(answer.body).toEqual({ text: "hello hello" });
    expect(steps).toEqual([`indexes on ${service.db.databaseName}`, "background started"]);
    expect(service.routes.map((route) => route.path)).toContain("/v1/openapi.json");
  });

  it("When it stops, then its background work stops; when a module is not ready, then /readyz says so", async () => {
    const steps: string[] = [];
    const ready = { now: false };
    const service = await startService(greetings(steps, ready));

    expect((await http(`${service.url}/readyz`)).status).toBe(503);
    ready.now = true;
    expect((await http(`${service.url}/readyz`)).status).toBe(200);
    await service.stop();

    expect(steps.at(-1)).toBe("background stopped");
  });

  it("When one of its variables is bad, then reading its configuration fails naming it", () => {
    const read = () => greetings([]).readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9", GREETING_REPEAT: "9" });

    expect(read).toThrow(/GREETING_REPEAT/);
  });

  it("When it is described for its documents, then nothing is connected and its routes are there", () => {
    const options = greetings([]).describe();

    expect(options.routes.map((route) => route.operationId)).toEqual(["getGreeting"]);
    expect(options.api?.title).toBe("Greetings API");
  });

  it("When two modules give one error code different problems, then it refuses to start, naming the code", () => {
    const twice = defineService({
      name: "twice",
      config: { port: 3998, dbName: "twice" },
      api: { title: "Twice API", versions: [{ major: 1, state: "current" }] },
      modules: () => [
        { name: "a", errors: { "thing.gone": { status: 404, title: "Thing not found" } } },
        { name: "b", errors: { "thing.gone": { status: 410, title: "Thing gone" } } },
      ],
    });

    expect(() => twice.describe()).toThrow(/thing.gone has two problems: module b says 410/);
  });
});
