/** A response as it is replayed for a repeated Idempotency-Key. */
export type StoredResponse = Readonly<{ status: number; headers: Readonly<Record<string, string>>; body: unknown }>;

export type IdempotencyRecord = Readonly<{
  fingerprint: string;
  state: "in_flight" | "completed";
  response: StoredResponse | null;
}>;

/**
 * The outcome of trying to take a key: this request owns it now (`owner` names this taking of it), or a
 * record already holds it.
 */
export type BeginResult =
  | { readonly kind: "started"; readonly owner: string }
  | { readonly kind: "existing"; readonly record: IdempotencyRecord };

export type BeginOptions = Readonly<{
  now: Date;
  /** How long an in-flight record holds before a retry may take the key over (its process may have died). */
  lockMs: number;
  /** How long the key is remembered (the contract's default: 24 hours). */
  ttlMs: number;
}>;

/** The port behind the Idempotency-Key middleware. `begin` must be atomic: one request wins a key. */
export interface IdempotencyStore {
  begin(key: string, fingerprint: string, options: BeginOptions): Promise<BeginResult>;
  /**
   * The record that holds the key now, for a retry waiting on a request in flight; undefined when none does
   * (never taken, forgotten, expired, or in flight on a process whose lock ran out): `begin` may take it then.
   */
  read(key: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /**
   * Stores the answer, if this taking of the key still holds it: a request slower than `lockMs` may have
   * lost its key to a retry, and must not overwrite what that retry stores.
   */
  complete(key: string, owner: string, response: StoredResponse): Promise<void>;
  /** Forgets a key whose request failed before processing (validation): the client may fix and retry. */
  abandon(key: string, owner: string): Promise<void>;
}
