import { describe, expect, it } from "vitest";
import { countedInstructions } from "./callgrind-output.ts";

// The shape of a dump written with --compress-strings=no --compress-pos=no (taken from a real one, cut down).
const dump = `# callgrind format
version: 1
positions: line
events: Ir
summary: 0

ob=/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30
fl=???
fn=operator new[](unsigned long)
0 218
cfn=operator new(unsigned long)
calls=109 0
0 65312
0 109

ob=node
fn=v8::internal::compiler::GraphReducer::ReduceTop()
0 4000
fn=v8::internal::compiler::turboshaft::Assembler::Emit()
0 500
fn=Builtins_LoadIC
+3 1000
-2 20
fn=operator new(unsigned long)
0 65312

totals: 71159
`;

describe("instructions counted in a callgrind dump", () => {
  it("When a function calls another, then the callee's cost is counted once, under its own name", () => {
    // 218 + 109 (operator new[]) + 4,000 + 500 (compiler) + 1,020 (LoadIC) + 65,312 (operator new).
    expect(countedInstructions(dump).total).toBe(71_159);
  });

  it("When V8's optimising compilers ran, then their instructions are told apart", () => {
    expect(countedInstructions(dump).compiling).toBe(4_500);
  });
});
