import { afterEach, beforeEach, type MockInstance, vi } from "vitest";

/**
 * A setup file: console output during a test is a failure. Services log through the logger they are
 * given (silent in tests), so anything on the console is a forgotten debug line or a warning to read.
 */
const METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
let spies: MockInstance[] = [];
let written: string[] = [];

beforeEach(() => {
  written = [];
  spies = METHODS.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(`console.${method}: ${args.map(String).join(" ")}`);
    }),
  );
});

afterEach(() => {
  for (const spy of spies) spy.mockRestore();
  if (written.length > 0) throw new Error(`unexpected console output:\n${written.join("\n")}`);
});
