// Copies the built files of the front-end packages into the places the app and the tests
// serve them from. Run with `npm install && npm run vendor`; commit what it copies.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

const files = [
  ["@digdir/designsystemet-css/dist/src/index.css", "static/vendor/designsystemet/designsystemet.css"],
  ["@digdir/designsystemet-css/dist/theme/designsystemet.css", "static/vendor/designsystemet/theme.css"],
  ["@digdir/designsystemet-css/LICENSE", "static/vendor/designsystemet/LICENSE-css"],
  ["@digdir/designsystemet-web/dist/umd/index.js", "static/vendor/designsystemet/designsystemet-web.js"],
  ["@digdir/designsystemet-web/dist/umd/index.js.map", "static/vendor/designsystemet/index.js.map"],
  ["@digdir/designsystemet-web/LICENSE", "static/vendor/designsystemet/LICENSE-web"],
  ["htmx.org/dist/htmx.min.js", "static/vendor/htmx/htmx.min.js"],
  ["htmx.org/LICENSE", "static/vendor/htmx/LICENSE"],
  ["axe-core/axe.min.js", "tests/browser/vendor/axe.min.js"],
  ["axe-core/LICENSE", "tests/browser/vendor/LICENSE-axe-core"],
];

const versions = {};
for (const [source, target] of files) {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(`node_modules/${source}`, target);
  const name = source.startsWith("@") ? source.split("/").slice(0, 2).join("/") : source.split("/")[0];
  versions[name] = JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
  console.log(`${source} -> ${target}`);
}
console.log(versions);
