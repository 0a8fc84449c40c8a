/**
 * What a callgrind dump (`--compress-strings=no --compress-pos=no`) says a process executed: every
 * instruction counted, and the part spent compiling JavaScript (V8's optimising compilers), which the
 * figures leave out. A long-running server compiles its code once; under valgrind that compilation is
 * spread over thousands more requests than at full speed, and which measurement it lands in is chance.
 */
export type CountedInstructions = Readonly<{ total: number; compiling: number }>;

const COMPILER = /v8::internal::(compiler|maglev)::|turboshaft/;

export function countedInstructions(dump: string): CountedInstructions {
  let total = 0;
  let compiling = 0;
  let inCompiler = false;
  let skipNext = false;
  for (const line of dump.split("\n")) {
    if (skipNext) {
      // The line after `calls=` is the callee's inclusive cost, counted again under the callee's own `fn=`.
      skipNext = false;
    } else if (line.startsWith("fn=")) {
      inCompiler = COMPILER.test(line);
    } else if (line.startsWith("calls=")) {
      skipNext = true;
    } else if (/^[0-9+*-]/.test(line)) {
      const instructions = Number(line.split(" ")[1] ?? 0);
      total += instructions;
      if (inCompiler) compiling += instructions;
    }
  }
  return { total, compiling };
}
