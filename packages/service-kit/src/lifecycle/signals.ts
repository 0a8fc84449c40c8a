import type { Logger } from "../logging/index.ts";
import type { Lifecycle } from "./lifecycle.ts";

/** SIGTERM (orchestrators) and SIGINT (Ctrl-C) stop the lifecycle once, then end the process. */
export function stopOnSignals(lifecycle: Lifecycle, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, "stopping");
    lifecycle.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
