import { describe, expect, it } from "vitest";
import {
  declarationWithModule,
  indexWithAggregate,
  problemsWithAggregate,
  registryWithMinorMoved,
} from "./add-aggregate.ts";
import { namesOf } from "./names.ts";

const payment = namesOf("invoicing", "PaymentTerm");

describe("adding an aggregate to a generated service", () => {
  it("When the declaration lists its modules as generated, then the new module is imported and listed first", () => {
    const plain =
      'import { a } from "./a.ts";\nexport const s = defineService({\n  modules: (context) => [invoicesModule(context)],\n});\n';

    const edited = declarationWithModule(plain, payment);

    expect(edited).toContain('import { paymentTermsModule } from "./payment-terms/payment-term.module.ts";\n');
    expect(edited).toContain("modules: (context) => [paymentTermsModule(context), invoicesModule(context)],");
  });

  it("When it lists them in a function (with operations), then the returned list gets it", () => {
    const withOperations =
      "  modules: (context) => {\n    const tasks = tasksModule(context);\n    return [tasks, operations];\n  },\n";

    expect(declarationWithModule(withOperations, payment)).toContain(
      "return [paymentTermsModule(context), tasks, operations];",
    );
  });

  it("When the modules are listed some other way, then nothing is made of it", () => {
    expect(declarationWithModule("modules: buildModules,\n", payment)).toBeUndefined();
  });

  it("When the contracts' problems and index are extended, then the new problems and wire model follow the old ones", () => {
    const problems = problemsWithAggregate(
      "/** Doc. */\nexport const invoiceProblems = {} as const;\n",
      "/** Doc. */\nexport const paymentTermProblems = {} as const;\n",
    );

    expect(problems).toBe(
      "/** Doc. */\nexport const invoiceProblems = {} as const;\n\nexport const paymentTermProblems = {} as const;\n",
    );
    expect(indexWithAggregate('export * from "./invoice.ts";\n', payment)).toBe(
      'export * from "./invoice.ts";\nexport * from "./payment-term.ts";\n',
    );
  });

  it("When the contracts' registry declares version 1 as generated, then its minor moves by one; otherwise nothing is made of it", () => {
    const registry = 'export const API_VERSIONS = [{ major: 1, minor: 2, state: "current" }];\n';

    expect(registryWithMinorMoved(registry)).toBe(
      'export const API_VERSIONS = [{ major: 1, minor: 3, state: "current" }];\n',
    );
    expect(registryWithMinorMoved("export const API_VERSIONS = versions;\n")).toBeUndefined();
  });
});
