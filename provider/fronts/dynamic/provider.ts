import type * as pulumi from "@pulumi/pulumi";
import type { ApiKeyInputs, ApiKeyOutputs } from "../../../domain";
import { createLifecycle, type KeyState } from "../../core";
import { engineAddressOf } from "../shared/engineWatch";
import { engineGuard } from "../shared/engineGuard";

/**
 * The dynamic front: the ApiKey lifecycle as Pulumi's dynamic-provider host calls it. This object lives
 * in the installed package and is loaded by name from the serialized stub in sdk/, so its code is never
 * frozen into anyone's state. The host is one process per stack run serving every dynamic ApiKey, so
 * one lifecycle per process is one per provider instance. Settings are read at each call: environment
 * first, then the stack config `configure` received.
 */
const lifecycle = createLifecycle({
  precedence: "environment-first",
  guard: engineGuard(engineAddressOf(process.argv)),
});

export const apiKeyProvider = {
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    lifecycle.configure({ config: req.config, precedence: "environment-first" });
  },

  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return lifecycle.check(olds, news);
  },

  async diff(id: string, olds: KeyState, news: ApiKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const { changes, replaces, deleteBeforeReplace } = await lifecycle.diff(id, olds, news);
    return { changes, replaces, deleteBeforeReplace };
  },

  create(inputs: ApiKeyInputs): Promise<pulumi.dynamic.CreateResult> {
    return lifecycle.create(inputs);
  },

  async read(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<pulumi.dynamic.ReadResult> {
    return (await lifecycle.read(id, props)) ?? {};
  },

  update(id: string, olds: ApiKeyOutputs, news: ApiKeyInputs): Promise<pulumi.dynamic.UpdateResult> {
    return lifecycle.update(id, olds, news);
  },

  delete(id: string, props: Partial<ApiKeyOutputs> = {}): Promise<void> {
    return lifecycle.delete(id, props);
  },
} satisfies pulumi.dynamic.ResourceProvider;
