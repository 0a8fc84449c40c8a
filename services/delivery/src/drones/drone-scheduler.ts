/**
 * Where a dispatch books its drone: the port to the drone-scheduling provider. Two implementations serve it
 * while a new one replaces the current one behind the same contract; a flag decides, per delivery, which.
 */
export type DroneScheduler = Readonly<{
  /** Books a drone for the delivery; abandoned (and booked again on the next claim) when `signal` aborts. */
  book: (deliveryId: string, signal: AbortSignal) => Promise<void>;
}>;

export const DRONE_SCHEDULERS = ["current", "next"] as const;
export type DroneSchedulerName = (typeof DRONE_SCHEDULERS)[number];
