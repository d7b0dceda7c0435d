/* eslint-disable @typescript-eslint/no-explicit-any -- the baseline is deliberately what a user writes in an afternoon */
import * as pulumi from "@pulumi/pulumi";

/**
 * What a user writes in an afternoon: one class, global fetch, no validation, no retries, no pacing.
 * The benchmark compares pulumi-venice with this. Only the number of keys and their descriptions vary.
 */
class VeniceKeyProvider implements pulumi.dynamic.ResourceProvider {
  private async call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${process.env.VENICE_BASE_URL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${process.env.VENICE_ADMIN_API_KEY}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Venice ${method} ${path}: ${res.status}`);
    return res.json();
  }

  async create(inputs: any) {
    const { data } = await this.call("POST", "/api_keys", {
      apiKeyType: inputs.apiKeyType ?? "INFERENCE",
      description: inputs.description,
    });
    return { id: data.id, outs: { ...inputs, key: data.apiKey } };
  }

  async read(id: string, props: any) {
    const { data } = await this.call("GET", `/api_keys/${id}`);
    return { id, props: { ...props, description: data.description } };
  }

  async diff(_id: string, olds: any, news: any) {
    return { changes: olds.description !== news.description };
  }

  async update(id: string, olds: any, news: any) {
    await this.call("PATCH", "/api_keys", { id, description: news.description });
    return { outs: { ...olds, description: news.description } };
  }

  async delete(id: string) {
    await this.call("DELETE", `/api_keys?id=${id}`);
  }
}

class VeniceKey extends pulumi.dynamic.Resource {
  declare readonly key: pulumi.Output<string>;
  constructor(name: string, args: { description: string }) {
    super(new VeniceKeyProvider(), name, { key: undefined, ...args }, { additionalSecretOutputs: ["key"] });
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const prefix = config.get("prefix") ?? "bench";
for (let i = 0; i < count; i++) new VeniceKey(`k${i}`, { description: `${prefix} ${i}` });
