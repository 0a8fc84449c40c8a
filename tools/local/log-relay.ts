/**
 * The services' log lines on tools/dev's terminal. Until the system is up, lines are held back (start-up
 * notices, the readiness polls, the issuer's reads of the documents, some answered 404), so the URLs and
 * tokens come first; then they are handed over to be kept in a file, or printed if the start failed, as its
 * explanation. After that every line is printed as it comes, prefixed with its service's name.
 */
export class LogRelay {
  readonly #held: string[] = [];
  #holding = true;

  readonly #print: (text: string) => void;
  /** The most lines kept while holding: a service that loops on an error must not fill the memory. */
  readonly #maxHeld: number;

  constructor(print: (text: string) => void, maxHeld = 2_000) {
    this.#print = print;
    this.#maxHeld = maxHeld;
  }

  line(source: string, text: string): void {
    const line = `${source.padEnd(16)}| ${text}\n`;
    if (!this.#holding) {
      this.#print(line);
      return;
    }
    this.#held.push(line);
    if (this.#held.length > this.#maxHeld) this.#held.shift();
  }

  /** The system is up: from now on lines are printed. Returns the lines held until now. */
  release(): string[] {
    this.#holding = false;
    return this.#held.splice(0);
  }

  /** The start failed: what was held explains why. */
  flush(): void {
    for (const line of this.#held.splice(0)) this.#print(line);
    this.#holding = false;
  }
}
