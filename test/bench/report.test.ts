import { describe, expect, it } from "vitest";
import type { MeasuredLoad } from "./report.ts";
import { figuresOf, instructionsReport, markdownReport, serverFiguresOf } from "./report.ts";
import type { Scenario } from "./scenarios.ts";
import { summarize } from "./statistics.ts";

const scenario: Scenario = {
  name: "GET by id",
  variants: [
    { name: "template", server: "template", kind: "get-by-id" },
    { name: "limit", server: "limit", kind: "get-by-id" },
    { name: "peer", server: "peer", kind: "get-by-id" },
  ],
  subject: "template",
  base: "limit",
  peer: "peer",
};

function load(requestsPerSecond: number, p99Ms = 10): MeasuredLoad {
  return {
    requestsPerSecond,
    p50Ms: 5,
    p99Ms,
    requests: requestsPerSecond,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { "200": requestsPerSecond },
    serverCpuMsPerRequest: 0.5,
  };
}

describe("benchmark figures", () => {
  it("When there is an even number of values, then the median is the mean of the middle two, with the spread", () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
  });

  it("When the machine slows down in one round, then ratios taken within each round do not move", () => {
    // Round 2 runs at half speed for every variant: the template stays at 0.9 of the limit.
    const measurements = [1, 2].flatMap((round) => {
      const speed = round === 1 ? 1 : 0.5;
      return [
        { round, scenario: scenario.name, variant: "template", result: load(900 * speed) },
        { round, scenario: scenario.name, variant: "limit", result: load(1000 * speed) },
        { round, scenario: scenario.name, variant: "peer", result: load(800 * speed, 20) },
      ];
    });

    const template = figuresOf([scenario], measurements).find((f) => f.variant === "template");

    expect(template?.vsBase.requestsPerSecond).toEqual({ median: 0.9, min: 0.9, max: 0.9 });
    expect(template?.vsPeer?.requestsPerSecond.median).toBeCloseTo(1.125);
    expect(template?.vsPeer?.p99Ms.median).toBe(0.5);
    expect(template?.requestsPerSecond).toEqual({ median: 675, min: 450, max: 900 });
  });

  it("When the report is rendered, then it names the machine and puts each figure beside its ratios", () => {
    const measurements = [
      { round: 1, scenario: scenario.name, variant: "template", result: load(900) },
      { round: 1, scenario: scenario.name, variant: "limit", result: load(1000) },
      { round: 1, scenario: scenario.name, variant: "peer", result: load(900) },
    ];
    const servers = serverFiguresOf([{ round: 1, server: "template", readyMs: 400, peakRssMb: 110, rssMb: 100 }]);

    const table = markdownReport("Machine: 2 cores", figuresOf([scenario], measurements), servers);

    expect(table.split("\n")[0]).toBe("Machine: 2 cores");
    expect(table).toContain(
      "| GET by id | template | 900 | 5.0 | 10.0 | 0.90 | 1.00 | 1.00 | 0.50 | 1.00 | 0 | 1.00 | 1.00 |",
    );
    expect(table).toContain("| template | 400 | 110 | 100 |");
  });

  it("When the base's p50 rounds to 0 ms, then its ratio is shown as a dash and the CPU above the base in µs", () => {
    const fast = (cpu: number, p50Ms: number) => ({ ...load(10_000), p50Ms, serverCpuMsPerRequest: cpu });
    const measurements = [
      { round: 1, scenario: scenario.name, variant: "template", result: fast(0.075, 1) },
      { round: 1, scenario: scenario.name, variant: "limit", result: fast(0.04, 0) },
      { round: 1, scenario: scenario.name, variant: "peer", result: fast(0.05, 0) },
    ];

    const table = markdownReport("Machine: 2 cores", figuresOf([scenario], measurements), []);

    expect(table).toContain(
      "| GET by id | template | 10000 | 1.0 | 10.0 | 1.00 | – | 1.00 | 0.07 | 1.88 | 35 | 1.00 | 1.00 |",
    );
  });

  it("When a scenario has a Koa floor, then each row says how much CPU it takes beyond bare Koa doing the same work", () => {
    const withFloor: Scenario = {
      ...scenario,
      variants: [...scenario.variants, { name: "Koa floor", server: "koaFloor", kind: "get-by-id" }],
      floor: "Koa floor",
    };
    const cpu = (serverCpuMsPerRequest: number) => ({ ...load(10_000), serverCpuMsPerRequest });
    const measurements = [
      { round: 1, scenario: scenario.name, variant: "template", result: cpu(0.12) },
      { round: 1, scenario: scenario.name, variant: "limit", result: cpu(0.04) },
      { round: 1, scenario: scenario.name, variant: "peer", result: cpu(0.06) },
      { round: 1, scenario: scenario.name, variant: "Koa floor", result: cpu(0.05) },
    ];

    const figures = figuresOf([withFloor], measurements);

    expect(figures.find((f) => f.variant === "template")?.vsFloor?.serverCpuMicrosAbove.median).toBeCloseTo(70);
    expect(markdownReport("Machine: 2 cores", figures, [])).toMatch(/\| GET by id \| template \|.* \| 70 \|$/m);
  });

  it("When instructions were counted, then the report gives them per request in thousands, over the base within each round", () => {
    const counted = (instructions: number) => ({ ...load(50), serverInstructionsPerRequest: instructions });
    const measurements = [1, 2].flatMap((round) => [
      { round, scenario: scenario.name, variant: "template", result: counted(round === 1 ? 420_000 : 440_000) },
      { round, scenario: scenario.name, variant: "limit", result: counted(round === 1 ? 300_000 : 400_000) },
    ]);

    const table = instructionsReport("Machine: 2 cores", figuresOf([scenario], measurements));

    expect(table.split("\n")[0]).toBe("Machine: 2 cores");
    expect(table).toContain("| GET by id | template | 430 (420-440) | 1.25 (1.10-1.40) | 80 (40-120) |");
    expect(table).toContain("| GET by id | peer | – | – | – |");
  });
});
