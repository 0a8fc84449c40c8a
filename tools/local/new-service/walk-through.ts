import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { registryWithMinorMoved } from "./add-aggregate.ts";

/**
 * The root README's "Start a new service", as a new user follows it: name the clone, generate `invoicing`,
 * give the Invoice a field of its own (two files: the contract and the aggregate, as the README and the
 * service's README say; storage, mapping, replay detection and the tests follow), move version 1's minor and
 * snapshot its document. The generator check does it in its copy
 * before its own services, so what it checks is a clone that followed the README (finding: the check once
 * generated `invoicing` itself and failed in every such clone).
 */
export const WALK_THROUGH = {
  project: "acme-logistics",
  service: "invoicing",
  generate: ["invoicing", "--aggregate", "Invoice"],
} as const;

type Run = (command: string, args: string[]) => void;

export function followWalkThrough(root: string, run: Run, generator: string): void {
  run("node", ["tools/local/rename.ts", WALK_THROUGH.project]);
  run("node", [generator, ...WALK_THROUGH.generate]);
  addAmountField(root);
  moveMinor(root);
  run("pnpm", ["exec", "biome", "check", "--write", "services/invoicing", "packages/invoicing-contracts"]);
  run("pnpm", ["--filter", "./services/invoicing", "contracts:snapshot"]);
  const document = readFileSync(join(root, "services/invoicing/openapi/v1.json"), "utf8");
  if (!document.includes('"amountCents"')) throw new Error("the snapshotted v1 document has no amountCents");
}

/** The document changed (a new field): the gate publishes it only under version 1's next minor. */
function moveMinor(root: string): void {
  const path = join(root, "packages/invoicing-contracts/src/versions/index.ts");
  const registry = registryWithMinorMoved(readFileSync(path, "utf8"));
  if (!registry) throw new Error(`${path}: version 1 is not declared with its minor as generated`);
  writeFileSync(path, registry);
}

/** `amountCents`, a required plain field: in the contract (schema and examples) and in the aggregate's details. */
function addAmountField(root: string): void {
  const contract = "packages/invoicing-contracts/src/v1/invoice.ts";
  const domain = "services/invoicing/src/invoices";
  const field = 'amountCents: z.number().int().min(0).max(1e12).meta({ description: "In cents." }),';
  addAfter(
    root,
    contract,
    '  name: z.string().max(200).meta({ description: "Not blank, or a 422." }),\n',
    `  ${field}\n`,
  );
  // The examples too: the document shows them, and the contract's tests parse them.
  addAfter(root, contract, 'name: "First invoice"', ", amountCents: 1250", { occurrences: 2 });
  addAfter(root, `${domain}/invoice.ts`, "  ownerId: string;\n  name: string;\n", "  amountCents: number;\n");
}

/**
 * Adds text after each occurrence of `anchor` (one unless told); a generated file that no longer has it as
 * many times fails here, naming the file, so the walk-through cannot silently fall behind the template.
 */
function addAfter(root: string, file: string, anchor: string, addition: string, { occurrences = 1 } = {}): void {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const found = text.split(anchor).length - 1;
  if (found !== occurrences) {
    throw new Error(
      `${file}: expected ${occurrences} of ${JSON.stringify(anchor)} to add the field after, found ${found}`,
    );
  }
  writeFileSync(path, text.replaceAll(anchor, `${anchor}${addition}`));
}
