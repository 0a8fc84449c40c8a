/** Who is calling, as its verified token says. */
export type Principal = Readonly<{
  /** The token's `sub`: the user or service the token was issued for. */
  subject: string;
  /** The client that holds the token (`azp`, else `client_id`, else `sub`): the scope of its Idempotency-Keys. */
  clientId: string;
  /** The granted scopes (`scope`, space-separated, or `scp`, a list or space-separated). */
  scopes: ReadonlySet<string>;
}>;
