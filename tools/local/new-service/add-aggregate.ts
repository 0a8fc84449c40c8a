import type { Names } from "./names.ts";

/** Where a declaration lists its modules, as the template writes it (with operations: `return [...]`). */
const MODULE_LISTS = ["modules: (context) => [", "return ["];

/**
 * The service's declaration with the new aggregate's module imported and listed first; undefined when the
 * declaration no longer lists its modules the way the template wrote it (then a person adds the line).
 */
export function declarationWithModule(text: string, names: Names): string | undefined {
  const list = MODULE_LISTS.find((anchor) => text.split(anchor).length === 2);
  if (!list) return undefined;
  const module = `${names.aggregates}Module`;
  // Imports are put in order afterwards (the formatter's organize-imports).
  const importLine = `import { ${module} } from "./${names.aggregatesPath}/${names.aggregateFile}.module.ts";\n`;
  return importLine + text.replace(list, `${list}${module}(context), `);
}

/** The contracts' problems with the new aggregate's appended (its `export const ...Problems` from the template). */
export function problemsWithAggregate(text: string, renderedProblems: string): string {
  const block = renderedProblems.slice(renderedProblems.indexOf("export const"));
  return `${text.trimEnd()}\n\n${block}`;
}

/** The contracts' v1 index with the new aggregate's wire model exported too. */
export function indexWithAggregate(text: string, names: Names): string {
  return `${text.trimEnd()}\nexport * from "./${names.aggregateFile}.ts";\n`;
}

/**
 * The contracts' registry with version 1's minor moved by one: new operations change its published document,
 * and the gate publishes a change only under the next minor. Undefined when version 1 is no longer declared
 * as generated (then a person moves it).
 */
export function registryWithMinorMoved(text: string): string | undefined {
  const declared = /\{ major: 1, minor: (\d+),/;
  const minor = declared.exec(text)?.[1];
  if (minor === undefined) return undefined;
  return text.replace(declared, `{ major: 1, minor: ${Number(minor) + 1},`);
}
