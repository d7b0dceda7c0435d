import * as pulumi from "@pulumi/pulumi";
import * as venice from "pulumi-venice";

/**
 * The project at the repository root: per-environment keys from stack config. `npm run demo` runs it
 * against the embedded emulator; with VENICE_ADMIN_API_KEY set and no VENICE_BASE_URL it manages real keys.
 */
const config = new pulumi.Config();
const stack = pulumi.getStack();

const declared = config.getObject<Record<string, venice.ApiKeyArgs>>("keys") ?? {
  [`${stack}-ci`]: { description: `${stack} / ci`, consumptionLimit: { usd: 25 }, limitPeriod: "MONTH" },
  [`${stack}-app`]: { description: `${stack} / app`, modelPrivacy: "PRIVATE_TEXT" },
};

const keys = Object.entries(declared).map(([name, args]) => [name, new venice.ApiKey(name, args)] as const);

/** Each key's value, as a secret: feed it to your secret store or CI. */
export const keyValues = pulumi.secret(Object.fromEntries(keys.map(([name, key]) => [name, key.key])));
export const keyIds = Object.fromEntries(keys.map(([name, key]) => [name, key.id]));
export const last6 = Object.fromEntries(keys.map(([name, key]) => [name, key.last6Chars]));
