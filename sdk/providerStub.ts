// The stub must load the provider at run time by package name (see below), so require() is the point.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as pulumi from "@pulumi/pulumi";

/**
 * What the engine serializes into every ApiKey's state as `__provider`. This module's exports are the
 * provider, so in a user's program (the package under node_modules, with `./provider-stub` in its
 * `exports`) Pulumi's serializer writes just `require("pulumi-venice/provider-stub")`, under 400 bytes.
 * Where it cannot name the module (a linked checkout, jest), it inlines these functions instead (~2 KB),
 * which behave the same. Either way:
 * - the text is identical across releases, so upgrading the package causes no diff;
 * - destroy and refresh run the installed code, not code frozen into state by an older `pulumi up`;
 * - nothing is captured: no client, no schema, no config value, no credential.
 * Keep it that way: each method loads the real provider by name at run time; no module-level values.
 */
type P = typeof import("../provider");
type R = pulumi.dynamic.ResourceProvider;

export const configure: R["configure"] = (r) => (require("pulumi-venice/provider") as P).configure(r);
export const check: R["check"] = (o, n) => (require("pulumi-venice/provider") as P).check(o, n);
export const diff: R["diff"] = (i, o, n) => (require("pulumi-venice/provider") as P).diff(i, o, n);
export const create: R["create"] = (n) => (require("pulumi-venice/provider") as P).create(n);
export const read: R["read"] = (i, o) => (require("pulumi-venice/provider") as P).read(i, o);
export const update: R["update"] = (i, o, n) => (require("pulumi-venice/provider") as P).update(i, o, n);
const remove: R["delete"] = (i, o) => (require("pulumi-venice/provider") as P).delete(i, o);
export { remove as delete };
