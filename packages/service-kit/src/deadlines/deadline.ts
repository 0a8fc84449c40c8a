import { DeadlineExceededError } from "../errors/index.ts";

/**
 * When a request's time is up: its remaining milliseconds, and a signal that aborts at that moment (with a
 * `DeadlineExceededError` as its reason, so whatever it aborts fails as a 503). Measured on the monotonic
 * clock; `dispose` clears the timer once the request is answered.
 */
export class Deadline {
  readonly #expiresAt: number;
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.#expiresAt = performance.now() + ms;
    if (ms <= 0) this.#expire();
    else this.#timer = setTimeout(() => this.#expire(), ms);
  }

  /** Aborts when the deadline passes; give it to whatever can be cancelled (a database call, a fetch). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.#expiresAt - performance.now());
  }

  expired(): boolean {
    return this.#controller.signal.aborted || this.remainingMs() === 0;
  }

  /** Refuses to start `what` (a write, a call) once the deadline has passed. */
  assertMayStart(what: string): void {
    if (this.expired()) throw new DeadlineExceededError(`the request's deadline passed before ${what} could start`);
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #expire(): void {
    this.#controller.abort(new DeadlineExceededError("the request's deadline passed before it could be answered"));
  }
}
