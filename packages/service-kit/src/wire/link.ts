import { z } from "zod";

/**
 * A hypermedia link (`_links.self`, `_links.next`...). One schema for every package that links, so each
 * document has one `Link` component: two equal schemas under one id would be two types in a generated client.
 */
export const linkSchema = z.object({ href: z.string() }).meta({ id: "Link" });

export type Link = z.infer<typeof linkSchema>;
