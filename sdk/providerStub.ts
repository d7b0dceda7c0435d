// The stub must load the provider at run time by package name (see below), so require() is the point.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as pulumi from "@pulumi/pulumi";

/**
 * What the engine serializes into every ApiKey's state as `__provider`. Each method loads the real
 * provider from the installed package by name, at run time, inside the provider process:
 * - the text stays small and identical across releases, so upgrading the package causes no diff;
 * - destroy and refresh run the installed code, not code frozen into state by an older `pulumi up`;
 * - nothing is captured: no client, no schema, no config value, no credential.
 * Keep it that way: no imports used at run time, no module-level values, no `this`. Short parameter
 * names are deliberate: this text is stored twice per resource (a size budget is tested).
 */
type P = typeof import("../provider");

export const veniceProvider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => (require("pulumi-venice/provider") as P).configure(r),
  check: (o, n) => (require("pulumi-venice/provider") as P).check(o, n),
  diff: (i, o, n) => (require("pulumi-venice/provider") as P).diff(i, o, n),
  create: (n) => (require("pulumi-venice/provider") as P).create(n),
  read: (i, o) => (require("pulumi-venice/provider") as P).read(i, o),
  update: (i, o, n) => (require("pulumi-venice/provider") as P).update(i, o, n),
  delete: (i, o) => (require("pulumi-venice/provider") as P).delete(i, o),
};
