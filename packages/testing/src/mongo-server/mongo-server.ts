/** Which of the three ways provided the database of a test run. */
export type MongoServerKind = "external" | "testcontainers" | "ferretdb";

export type MongoServer = {
  readonly uri: string;
  readonly kind: MongoServerKind;
  /** A sentence for the test output: which server, and why that one. */
  readonly description: string;
  readonly stop: () => Promise<void>;
  /**
   * Kills the server at once and removes its data, synchronously: for a process about to exit without
   * waiting (tools/dev's second Ctrl-C). Only a server started here has one.
   */
  readonly stopNow?: () => void;
};
