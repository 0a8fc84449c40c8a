import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Mustache from "mustache";
import type { Names } from "./names.ts";

/** One file to write: its path from the repository's root, and its text. */
export type RenderedFile = Readonly<{ path: string; text: string }>;

export type View = Names & Readonly<{ port: number; operations: boolean }>;

const TEMPLATE_DIR = join(import.meta.dirname, "template");
const SUFFIX = ".mustache";
/** A template path that names the aggregate: its folder, contract, fixtures and tests. */
const AGGREGATE_PATH = /__aggregates?__/;

type Target = Readonly<{ from: string; to: string }>;

/**
 * The service and its contracts package, rendered in memory: `template/service` goes to services/<name>,
 * `template/contracts` to packages/<name>-contracts, `template/k8s` to its Kubernetes base in docker/k8s,
 * and with operations `template/with-operations` adds its files on top. `__aggregate__` and
 * `__aggregates__` in a path are the aggregate's file names.
 */
export function renderService(view: View): RenderedFile[] {
  return render(view, targetsOf(view), () => true);
}

/**
 * Another aggregate's own files for an existing service (`new:aggregate`): the template files whose path
 * names the aggregate, without operations. The service's shared files (its declaration, its contracts'
 * index and problems) are edited instead (add-aggregate.ts).
 */
export function renderAggregate(view: View): RenderedFile[] {
  const plain = { ...view, operations: false };
  return render(plain, targetsOf(plain), (templatePath) => AGGREGATE_PATH.test(templatePath));
}

function targetsOf(view: View): Target[] {
  return [
    { from: "service", to: `services/${view.service}` },
    { from: "contracts", to: `packages/${view.service}-contracts` },
    { from: "k8s", to: `docker/k8s/base/${view.service}` },
    ...(view.operations ? [{ from: "with-operations/service", to: `services/${view.service}` }] : []),
  ];
}

function render(view: View, targets: readonly Target[], wanted: (templatePath: string) => boolean): RenderedFile[] {
  return targets.flatMap(({ from, to }) =>
    templateFiles(join(TEMPLATE_DIR, from))
      .map((file) => ({ file, templatePath: relative(join(TEMPLATE_DIR, from), file) }))
      .filter(({ templatePath }) => wanted(templatePath))
      .map(({ file, templatePath }) => ({
        path: join(to, targetPath(templatePath, view)),
        text: renderText(readFileSync(file, "utf8"), view),
      })),
  );
}

function renderText(template: string, view: View): string {
  // The output is TypeScript, JSON and Markdown, not HTML: nothing is escaped.
  return Mustache.render(template, view, {}, { escape: (text: string) => text });
}

/** The text of one template file, rendered. */
export function renderTemplate(templatePath: string, view: View): string {
  return renderText(readFileSync(join(TEMPLATE_DIR, `${templatePath}${SUFFIX}`), "utf8"), view);
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
