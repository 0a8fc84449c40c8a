import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Mustache from "mustache";
import type { Names } from "./names.ts";

/** One file to write: its path from the repository's root, and its text. */
export type RenderedFile = Readonly<{ path: string; text: string }>;

export type View = Names & Readonly<{ port: number; operations: boolean }>;

const TEMPLATE_DIR = join(import.meta.dirname, "template");
const SUFFIX = ".mustache";

/**
 * The service and its contracts package, rendered in memory: `template/service` goes to services/<name>,
 * `template/contracts` to packages/<name>-contracts, `template/k8s` to its Kubernetes base in docker/k8s, and with operations `template/with-operations` adds
 * its files on top. `__aggregate__` and `__aggregates__` in a path are the aggregate's file names.
 */
export function renderService(view: View): RenderedFile[] {
  const targets = [
    { from: "service", to: `services/${view.service}` },
    { from: "contracts", to: `packages/${view.service}-contracts` },
    { from: "k8s", to: `docker/k8s/base/${view.service}` },
    ...(view.operations ? [{ from: "with-operations/service", to: `services/${view.service}` }] : []),
  ];
  return targets.flatMap(({ from, to }) =>
    templateFiles(join(TEMPLATE_DIR, from)).map((file) => ({
      path: join(to, targetPath(relative(join(TEMPLATE_DIR, from), file), view)),
      text: render(readFileSync(file, "utf8"), view),
    })),
  );
}

function render(template: string, view: View): string {
  // The output is TypeScript, JSON and Markdown, not HTML: nothing is escaped.
  return Mustache.render(template, view, {}, { escape: (text: string) => text });
}

function targetPath(templatePath: string, view: View): string {
  return templatePath
    .slice(0, -SUFFIX.length)
    .replaceAll("__aggregates__", view.aggregatesPath)
    .replaceAll("__aggregate__", view.aggregateFile);
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(SUFFIX))
    .map((entry) => join(entry.parentPath, entry.name));
}
