import type { Logger } from "../logging/index.ts";

export type Stop = () => Promise<void>;

/** A started step: what it produced and how to undo it. */
export type Started<T> = { readonly value: T; readonly stop: Stop };

/**
 * Runs start-up steps in order and remembers how to stop each; `stop()` undoes them in reverse
 * (stop accepting requests, then close the database), and a failing stop does not skip the rest.
 */
export class Lifecycle {
  readonly #log: Logger;
  readonly #stops: { name: string; stop: Stop }[] = [];
  #stopping: Promise<void> | undefined;

  constructor(log: Logger) {
    this.#log = log;
  }

  async start<T>(name: string, step: () => Promise<Started<T>>): Promise<T> {
    const started = await step();
    this.#stops.push({ name, stop: started.stop });
    this.#log.info({ step: name }, "started");
    return started.value;
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stopAll();
    return this.#stopping;
  }

  async #stopAll(): Promise<void> {
    for (const { name, stop } of this.#stops.toReversed()) {
      try {
        await stop();
        this.#log.info({ step: name }, "stopped");
      } catch (error) {
        this.#log.error({ err: error, step: name }, "stop failed");
      }
    }
  }
}
