// The pack as `pulumi preview --policy-pack node_modules/pulumi-venice/policy` loads it: the engine runs
// this folder, so its entry points at the compiled pack (policy/pack.ts). `@pulumi/policy` and
// `@pulumi/pulumi` resolve from the user's project.
require("../dist/policy/pack.js");
