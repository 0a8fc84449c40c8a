/**
 * The folder rule (checked by `pnpm deps:check` after the module rules of dependency-rules.cjs): no folder
 * imports a folder that imports it back, so each can be read, moved and layered alone (a folder holds its
 * subfolders). Test files are left out: a test imports what it tests and its helpers, which says nothing of
 * how the code itself is layered.
 */
const modules = require("./dependency-rules.cjs");

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      severity: "error",
      comment: "two folders that import each other are one: neither can be understood, moved or layered alone",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
  ],
  options: { ...modules.options, exclude: { path: "(^|/)dist/|[.]test[.]ts$|/test/" } },
};
