import type * as pulumi from "@pulumi/pulumi";

/**
 * What the engine serializes into every ApiKey's state as `__provider`. Each method loads the real
 * provider from the installed package by name, at run time, inside the provider process:
 * - the text stays small and identical across releases, so upgrading the package causes no diff;
 * - destroy and refresh run the installed code, not code frozen into state by an older `pulumi up`;
 * - nothing is captured: no client, no schema, no config value, no credential.
 * Keep it that way: no imports used at run time, no module-level values, no `this`.
 */
type Impl = typeof import("../provider/apiKeyProvider").apiKeyProvider;

export const veniceProvider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => (require("pulumi-venice/provider").apiKeyProvider as Impl).configure(req),
  check: (olds, news) => (require("pulumi-venice/provider").apiKeyProvider as Impl).check(olds, news),
  diff: (id, olds, news) => (require("pulumi-venice/provider").apiKeyProvider as Impl).diff(id, olds, news),
  create: (inputs) => (require("pulumi-venice/provider").apiKeyProvider as Impl).create(inputs),
  read: (id, props) => (require("pulumi-venice/provider").apiKeyProvider as Impl).read(id, props),
  update: (id, olds, news) => (require("pulumi-venice/provider").apiKeyProvider as Impl).update(id, olds, news),
  delete: (id) => (require("pulumi-venice/provider").apiKeyProvider as Impl).delete(id),
};
