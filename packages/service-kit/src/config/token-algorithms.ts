/*
 * The signature algorithms AUTH_ALGORITHMS may name: config checks the setting against them, and the token
 * verifier accepts only them. Here, below both, so that neither imports the other.
 */

/** Asymmetric algorithms only: a shared secret would let every verifier mint tokens. `none` never. */
export const ASYMMETRIC_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;
export type TokenAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
