export { currentDeadline, deadlineSignal, runWithDeadline, untilDeadline } from "./current-deadline.ts";
export { Deadline } from "./deadline.ts";
