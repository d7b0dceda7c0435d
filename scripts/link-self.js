// The serialized provider stub loads "pulumi-venice/provider" by package name from the program's
// folder. Users get the package from their node_modules; in this repository (root project, demo,
// tests) a copy of the built package is put there, not a link: Pulumi's serializer names a module by
// reference only when its real path is inside node_modules, so a link would make this repository's
// state differ from a user's (an inlined 2 KB stub instead of one require).
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-venice");
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const entry of ["package.json", "README.md", "dist"]) {
  fs.cpSync(path.join(root, entry), path.join(target, entry), { recursive: true });
}
