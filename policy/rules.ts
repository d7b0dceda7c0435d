import {
  API_KEY_TOKENS,
  DAY_MS,
  DEFAULTS,
  keyIdentity,
  parseDuration,
  parseExpiry,
  PRIVATE_MODEL_PRIVACIES,
  type Field,
} from "../domain";

/**
 * Venice's guidance for keys as pure rules over an ApiKey's inputs, as the policy engine shows them
 * (the same names as the SDK's ApiKeyArgs). No provider code: a policy pack runs in its own process and
 * must judge declarations, not call Venice; it reads them with the same facts (domain/) the provider's
 * check uses. Each rule returns the violations' messages, naming the fix.
 */
export { API_KEY_TOKENS };

/** The arguments the policies judge. */
export const POLICY_FIELDS = [
  "description",
  "apiKeyType",
  "expiresAt",
  "expireAfter",
  "consumptionLimit",
  "modelPrivacy",
] as const satisfies readonly Field[];

/** An ApiKey's inputs as policies see them; any of them may be unknown (undefined) during preview. */
export type KeyInputs = { [F in (typeof POLICY_FIELDS)[number]]?: unknown };

export interface KeyContext {
  /** The resource's name in the program, for messages. */
  name: string;
  inputs: KeyInputs;
  now: Date;
}

/** A lifetime such as "90d" or "1h30m" in ms, or undefined when it is not one (check reports that). */
export function lifetimeMs(value: unknown): number | undefined {
  const parsed = parseDuration(value);
  return parsed.ok ? parsed.ms : undefined;
}

/** An expiry as the provider reads it, in ms since the epoch, or undefined when check would refuse it. */
export function expiryMs(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const parsed = parseExpiry(value);
  return parsed.ok ? Date.parse(parsed.iso) : undefined;
}

/**
 * How far out the key expires, in days: from `expireAfter`, or from `expiresAt` relative to now;
 * `null` when it never expires; undefined when preview cannot know yet (a computed value).
 */
export function daysToExpiry(
  inputs: KeyInputs,
  now: Date,
  unknown: (field: keyof KeyInputs) => boolean,
): number | null | undefined {
  if (unknown("expireAfter") || unknown("expiresAt")) return undefined;
  if (inputs.expireAfter !== undefined && inputs.expireAfter !== null) {
    const lifetime = lifetimeMs(inputs.expireAfter);
    return lifetime === undefined ? undefined : lifetime / DAY_MS; // not a duration: check reports it
  }
  if (typeof inputs.expiresAt === "string" && inputs.expiresAt !== "") {
    const at = expiryMs(inputs.expiresAt);
    return at === undefined ? undefined : (at - now.getTime()) / DAY_MS; // not a date check takes: likewise
  }
  return null;
}

const keyType = (inputs: KeyInputs) =>
  typeof inputs.apiKeyType === "string" ? inputs.apiKeyType : DEFAULTS.apiKeyType;
const round = (days: number) => Math.ceil(days);

/**
 * Keys of `type` expire, within `maxDays`: the rule behind both expiry policies, which differ in the
 * type they judge and in their advice.
 */
function expiresWithin(
  type: "ADMIN" | "INFERENCE",
  advice: {
    never: (name: string, maxDays: number) => string;
    tooLate: (name: string, days: number, maxDays: number) => string;
  },
) {
  return (key: KeyContext, maxDays: number, unknown: (field: keyof KeyInputs) => boolean): string[] => {
    if (unknown("apiKeyType") || keyType(key.inputs) !== type) return [];
    const days = daysToExpiry(key.inputs, key.now, unknown);
    if (days === undefined) return [];
    if (days === null) return [advice.never(key.name, maxDays)];
    if (days > maxDays) return [advice.tooLate(key.name, round(days), maxDays)];
    return [];
  };
}

/** ADMIN keys expire, within `maxDays` (maxAdminKeyDays). */
export const adminKeyExpires = expiresWithin("ADMIN", {
  never: (name, maxDays) =>
    `ApiKey '${name}' is an ADMIN key without an expiry. Admin keys can manage every key and the ` +
    `account's billing: give it expireAfter (e.g. "30d", with rotateBefore) or an expiresAt at most ${maxDays} days out.`,
  tooLate: (name, days, maxDays) =>
    `ApiKey '${name}' is an ADMIN key expiring in ${days} days; the limit is ${maxDays} (maxAdminKeyDays). ` +
    "Shorten expireAfter or bring expiresAt closer.",
});

/** INFERENCE keys expire, within `maxDays` (maxKeyDays). */
export const inferenceKeyExpires = expiresWithin("INFERENCE", {
  never: (name, maxDays) =>
    `ApiKey '${name}' never expires. Give it expireAfter (e.g. "90d", with rotateBefore so it rotates ` +
    `before it lapses) or an expiresAt within ${maxDays} days (maxKeyDays).`,
  tooLate: (name, days, maxDays) =>
    `ApiKey '${name}' expires in ${days} days; keys should expire within ${maxDays} (maxKeyDays). ` +
    "Shorten expireAfter or bring expiresAt closer.",
});

/** Every key has a spending cap. */
export function keyCapped(key: KeyContext, unknown: (field: keyof KeyInputs) => boolean): string[] {
  if (unknown("consumptionLimit")) return [];
  const limit = key.inputs.consumptionLimit;
  const capped =
    limit !== null &&
    typeof limit === "object" &&
    Object.values(limit as Record<string, unknown>).some((v) => typeof v === "number");
  if (capped) return [];
  return [
    `ApiKey '${key.name}' has no spending cap. Add consumptionLimit (e.g. { usd: 25 }, with limitPeriod ` +
      '"MONTH") so a leaked or runaway key cannot spend without bound.',
  ];
}

/** Whether `stack` is one of `patterns` (exact names, `*` matching any run of characters). */
export function stackMatches(stack: string, patterns: readonly string[]): boolean {
  return patterns.some((p) =>
    new RegExp(
      `^${p
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(stack),
  );
}

/** In the listed stacks, keys use only private models. */
export function privateModels(
  key: KeyContext,
  stack: string,
  privateStacks: readonly string[],
  unknown: (field: keyof KeyInputs) => boolean,
): string[] {
  if (!stackMatches(stack, privateStacks) || unknown("modelPrivacy")) return [];
  const privacy =
    typeof key.inputs.modelPrivacy === "string" ? key.inputs.modelPrivacy : DEFAULTS.modelPrivacy;
  if ((PRIVATE_MODEL_PRIVACIES as readonly string[]).includes(privacy)) return [];
  return [
    `ApiKey '${key.name}' allows modelPrivacy ${privacy} in stack '${stack}', which must use private models ` +
      '(privateStacks). Set modelPrivacy: "PRIVATE_TEXT" or "PRIVATE_ONLY".',
  ];
}

/**
 * No two keys in a stack share type and description (the lost-create repair tells keys apart by them).
 * Each violation names the later key of a pair.
 */
export function duplicateDescriptions<K extends { name: string; inputs: KeyInputs }>(
  keys: readonly K[],
): Array<{ key: K; message: string }> {
  const seen = new Map<string, string>();
  const violations: Array<{ key: K; message: string }> = [];
  for (const key of keys) {
    const { name, inputs } = key;
    if (typeof inputs.description !== "string") continue; // unknown at preview: judged at up
    const type = keyType(inputs);
    const fingerprint = keyIdentity(inputs);
    const first = seen.get(fingerprint);
    if (first === undefined) {
      seen.set(fingerprint, name);
    } else {
      violations.push({
        key,
        message:
          // Names in a stable order: the engine registers resources in no fixed order.
          `ApiKeys '${[first, name].sort().join("' and '")}' are both ${type} keys described "${inputs.description}". ` +
          "Give each key its own description: pulumi-venice tells keys apart by type and description " +
          "when it repairs a create whose answer was lost (README, Failure behaviour).",
      });
    }
  }
  return violations;
}
