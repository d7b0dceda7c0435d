import { z } from "zod";

/**
 * Injected faults, matched by method and path and consumed by count. They model what a network and a
 * busy API do to a client: error statuses, slowness, resets, and the worst case for a create, a change
 * that was applied but whose answer never arrived ("commit-then-drop").
 */
export const faultRuleSchema = z.strictObject({
  method: z.string().toUpperCase().optional(),
  /** Matched against the path below /api/v1: an exact path, or a prefix ending in "*". */
  path: z.string().optional(),
  /** How many matching requests this rule affects; it is removed when spent. */
  count: z.number().int().positive().default(1),
  action: z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("status"),
      status: z.number().int().min(400).max(599),
      retryAfterSeconds: z.number().nonnegative().optional(),
      body: z.unknown().optional(),
    }),
    z.strictObject({ type: z.literal("latency"), ms: z.number().int().nonnegative() }),
    z.strictObject({ type: z.literal("reset") }),
    z.strictObject({ type: z.literal("commit-then-drop") }),
  ]),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultAction = FaultRule["action"];

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method) return false;
  if (!rule.path) return true;
  return rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path;
}

export class FaultPlan {
  private rules: FaultRule[] = [];

  add(rules: FaultRule[]): void {
    this.rules.push(...rules);
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Every action that applies to this request (latency stacks with one terminal action), consuming counts. */
  take(method: string, path: string): FaultAction[] {
    const actions: FaultAction[] = [];
    let terminal = false;
    for (const rule of this.rules) {
      if (!matches(rule, method, path)) continue;
      const isTerminal = rule.action.type !== "latency";
      if (isTerminal && terminal) continue;
      terminal ||= isTerminal;
      actions.push(rule.action);
      rule.count -= 1;
    }
    this.rules = this.rules.filter((r) => r.count > 0);
    return actions;
  }
}
