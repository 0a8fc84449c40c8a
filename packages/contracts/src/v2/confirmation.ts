// The confirmation is the same in versions 2 and 3: version 3's schemas.
export * from "../v3/confirmation.ts";
