// Compiles each MDX file named on the command line; a syntax error (unclosed tag, bad expression,
// stray "<" or "{") fails with its file, line and column.
import { compile } from "@mdx-js/mdx";
import { readFile } from "node:fs/promises";

let failed = false;
for (const path of process.argv.slice(2)) {
  try {
    await compile(await readFile(path, "utf8"));
  } catch (err) {
    failed = true;
    const where = err.place ? `:${err.place.line ?? err.place.start?.line}:${err.place.column ?? err.place.start?.column}` : "";
    console.error(`${path}${where}: ${err.reason ?? err.message}`);
  }
}
process.exit(failed ? 1 : 0);
