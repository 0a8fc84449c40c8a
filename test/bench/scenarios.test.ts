import { describe, expect, it } from "vitest";
import { APP_BOUND_SCENARIOS, COST_SCENARIOS, SCENARIOS, type Scenario, smokeScenarios } from "./scenarios.ts";

const pairs = (scenarios: readonly Scenario[], pick: (v: Scenario["variants"][number]) => string) =>
  new Set(scenarios.flatMap((scenario) => scenario.variants.map(pick)));

describe("the benchmark's smoke run (tools/check's)", () => {
  it("When it runs on the database, then every request kind and every server but the cost rows' runs, and no cost row", () => {
    const smoke = smokeScenarios(SCENARIOS, "database");
    const costRows = new Set<Scenario>(COST_SCENARIOS.database);
    const withoutCosts = SCENARIOS.filter((scenario) => !costRows.has(scenario));

    expect(pairs(smoke, (v) => v.kind)).toEqual(pairs(SCENARIOS, (v) => v.kind));
    expect(pairs(smoke, (v) => v.server)).toEqual(pairs(withoutCosts, (v) => v.server));
    expect(smoke.some((scenario) => costRows.has(scenario))).toBe(false);
    // The gateway's PUT with 10 connections runs no pair the one with 1 connection has not.
    expect(smoke.map((scenario) => scenario.name)).not.toContain("PUT new id, 10 connections");
  });

  it("When it runs in memory, then every server runs, the cost servers on GET by id, in fewer rows than the full run", () => {
    const smoke = smokeScenarios(APP_BOUND_SCENARIOS, "memory");

    expect(pairs(smoke, (v) => v.server)).toEqual(pairs(APP_BOUND_SCENARIOS, (v) => v.server));
    expect(smoke.length).toBeLessThan(APP_BOUND_SCENARIOS.length);
  });

  it("When it counts instructions, then one row of two processes is counted", () => {
    const smoke = smokeScenarios(COST_SCENARIOS.memory, "instructions");

    expect(smoke).toHaveLength(1);
    expect(pairs(smoke, (v) => `${v.server} ${v.kind}`).size).toBe(2);
  });
});
