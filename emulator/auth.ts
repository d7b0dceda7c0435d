import type { IncomingMessage } from "node:http";
import { error, type Reply } from "./http";
import type { KeyStore, KeyRecord } from "./store";

export type Caller = { kind: "bootstrap"; token: string } | { kind: "key"; token: string; record: KeyRecord };

export type AuthOutcome = { ok: true; caller: Caller } | { ok: false; reply: Reply; token?: string };

/** Venice answers a request without credentials with an x402 payment challenge, not a 401. */
function paymentRequired(): Reply {
  const challenge = {
    x402Version: 1,
    error: "Authentication required",
    accepts: [
      { scheme: "exact", network: "base", asset: "USDC", resource: "/api/v1", maxAmountRequired: "0" },
    ],
  };
  return {
    status: 402,
    body: challenge,
    headers: { "PAYMENT-REQUIRED": Buffer.from(JSON.stringify(challenge)).toString("base64") },
  };
}

export function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1]?.trim();
}

export function authenticate(req: IncomingMessage, store: KeyStore, bootstrapKey: string): AuthOutcome {
  const token = bearer(req);
  if (!token) return { ok: false, reply: paymentRequired() };
  if (token === bootstrapKey) return { ok: true, caller: { kind: "bootstrap", token } };
  const record = store.findBySecret(token);
  if (!record || !store.isActive(record)) {
    return { ok: false, reply: error(401, "Authentication failed"), token };
  }
  store.touch(record);
  return { ok: true, caller: { kind: "key", token, record } };
}

export function isAdmin(caller: Caller): boolean {
  return caller.kind === "bootstrap" || caller.record.apiKeyType === "ADMIN";
}
