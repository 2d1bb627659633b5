// Builds the front-end assets into careershub/static/dist: the branded stylesheet compiled with Dart
// Sass from GOV.UK Frontend, the GOV.UK Frontend script and htmx.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "careershub", "static", "dist");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "scss", "careershub.scss"), {
  importers: [new sass.NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "careershub.css"), result.css);

const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
copyFileSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));
writeFileSync(
  join(out, "careershub.js"),
  'import { initAll } from "./govuk-frontend.min.js";\ninitAll();\n',
);
console.log(`assets built in ${out}`);
