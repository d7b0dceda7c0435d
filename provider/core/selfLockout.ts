import { VeniceSelfLockoutError } from "./errors";
import type { VeniceClient } from "../client/veniceClient";

/**
 * The provider never removes the ADMIN key it authenticates with. Venice shows a key's last six
 * characters and its type, never its secret, so "the key we run with" is the ADMIN key whose
 * `last6Chars` are the admin key's last six.
 */
export function isOwnAdminKey(
  key: { apiKeyType?: unknown; last6Chars?: unknown },
  adminKey: string | undefined,
): boolean {
  return (
    adminKey !== undefined &&
    adminKey.length >= 6 &&
    key.apiKeyType === "ADMIN" &&
    typeof key.last6Chars === "string" &&
    key.last6Chars === adminKey.slice(-6)
  );
}

/**
 * Before a delete or retirement: asks Venice (one list, and only for ADMIN keys) whether `id` is the
 * key in use. State's own last6Chars may be missing (an adopted key before its first refresh).
 */
export async function refuseOwnAdminKey(
  client: VeniceClient,
  adminKey: string,
  id: string,
  key: { apiKeyType?: unknown },
  action: "delete" | "retire",
): Promise<void> {
  if (key.apiKeyType !== undefined && key.apiKeyType !== "ADMIN") return;
  const inUse = (await client.listKeys()).filter((k) => isOwnAdminKey(k, adminKey));
  if (inUse.some((k) => k.id === id)) throw new VeniceSelfLockoutError(id, action);
}
