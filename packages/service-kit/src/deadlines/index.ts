export { currentDeadline, deadlineSignal, runWithDeadline } from "./current-deadline.ts";
export { Deadline } from "./deadline.ts";
