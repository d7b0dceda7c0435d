// The serialized provider stub loads "pulumi-venice/provider" by package name from the program's
// folder. Users get the package from their node_modules; in this repository (root project, demo,
// tests) a copy of exactly what `npm pack` ships (package.json "files") is put there, not a link:
// Pulumi's serializer names a module by reference only when its real path is inside node_modules, and
// the policy pack must be found where users find it (node_modules/pulumi-venice/policy).
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-venice");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const entry of ["package.json", ...manifest.files]) {
  fs.cpSync(path.join(root, entry), path.join(target, entry), { recursive: true });
}
