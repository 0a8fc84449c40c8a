import { describe, expect, it } from "vitest";
import { LogRelay } from "./log-relay.ts";

describe("the services' log lines on tools/dev's terminal", () => {
  it("When the system is up, then the lines held until then are handed over, not printed, and later ones are printed with their source", () => {
    const printed: string[] = [];
    const relay = new LogRelay((text) => printed.push(text));

    relay.line("delivery", "GET /v3/openapi.json 404");
    relay.line("gateway", "listening");
    expect(printed).toEqual([]);

    const held = relay.release();
    relay.line("delivery", "PUT /v2/deliveries/d-1 201");

    expect(held).toEqual([
      `${"delivery".padEnd(16)}| GET /v3/openapi.json 404\n`,
      `${"gateway".padEnd(16)}| listening\n`,
    ]);
    expect(printed).toEqual([`${"delivery".padEnd(16)}| PUT /v2/deliveries/d-1 201\n`]);
  });

  it("When the start fails, then the held lines are printed as its explanation; only the latest are kept", () => {
    const printed: string[] = [];
    const relay = new LogRelay((text) => printed.push(text), 2);

    for (const n of [1, 2, 3]) relay.line("invoicing", `error ${n}`);
    relay.flush();

    expect(printed).toEqual([`${"invoicing".padEnd(16)}| error 2\n`, `${"invoicing".padEnd(16)}| error 3\n`]);
  });
});
