// Fails early, with the fix, when npm scripts run under a Node older than @pulumi/pulumi needs.
// npm puts node_modules/.bin first on PATH, so after `npm ci` the `node` devDependency (22.x) is used.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `pulumi-venice needs Node.js 22 or newer (found ${process.version}). ` +
      "Run it through npm scripts after `npm ci`: the node@22 devDependency is then first on PATH.",
  );
  process.exit(1);
}
