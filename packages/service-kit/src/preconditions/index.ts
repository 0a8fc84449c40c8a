export { NO_PRECONDITION, type Precondition, preconditionHolds } from "./precondition.ts";
