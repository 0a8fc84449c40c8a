/** What the suite found: checks that pass or fail, and figures that are only printed. */
export class Report {
  readonly #lines: string[] = [];
  #failures = 0;

  check(name: string, passed: boolean, detail = ""): void {
    if (!passed) this.#failures += 1;
    this.#lines.push(`${passed ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  }

  figure(name: string, value: string): void {
    this.#lines.push(`     ${name}: ${value}`);
  }

  get failed(): boolean {
    return this.#failures > 0;
  }

  print(write: (text: string) => void): void {
    write(`\n[reliability] ${this.#failures === 0 ? "every check passed" : `${this.#failures} checks failed`}\n`);
    for (const line of this.#lines) write(`  ${line}\n`);
  }
}
