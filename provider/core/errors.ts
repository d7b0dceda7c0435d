/**
 * Errors the lifecycle throws when it refuses or cannot finish an operation for reasons of its own (the
 * client's errors, for what Venice answered, are in client/errors.ts). Each message says what to do.
 * They extend VeniceError (method and path name the request the operation would have made), so that
 * whoever catches "anything pulumi-venice threw on purpose" needs one class.
 */
import { VeniceError } from "../client/errors";

/**
 * Thrown by update when the key the stack holds is gone from Venice (deleted or expired out of band),
 * so it cannot be changed in place; the fix is a refresh, which drops it, then `up`, which recreates it.
 */
export class VeniceKeyGoneError extends VeniceError {
  constructor(readonly id: string) {
    super(
      `Venice no longer has key ${id} (deleted or expired). Run \`pulumi refresh\` to drop it from the stack, ` +
        "then `pulumi up` to create a new key.",
      "PATCH",
      "/api_keys",
    );
  }
}

/**
 * Thrown instead of deleting, retiring or replacing the ADMIN key the provider itself authenticates
 * with (by diff for a replacement, from state alone; by delete after one listing): doing so would lock
 * the provider, and whoever runs it, out of the account mid-run.
 */
export class VeniceSelfLockoutError extends VeniceError {
  constructor(
    readonly id: string,
    action: "delete" | "retire" | "replace",
  ) {
    super(
      `Refusing to ${action} key ${id}: it is the ADMIN key this provider runs with (VENICE_ADMIN_API_KEY or ` +
        `venice:adminApiKey), and losing it would lock the provider out of the account. To rotate it, declare ` +
        "the new ADMIN key as a separate resource, run `pulumi up`, switch the provider's admin key to the new " +
        "key's value, then remove this one. To keep it without managing it, add `retainOnDelete: true`.",
      action === "retire" ? "PATCH" : "DELETE",
      "/api_keys",
    );
  }
}

/**
 * Thrown by create when `adoptKeyId` names a key that cannot be taken over as declared: Venice has no
 * active key with that id, it is of another type, `adoptKeyValue` is not its secret, or it vanished
 * while being adopted. Nothing is created or changed.
 */
export class VeniceAdoptionError extends VeniceError {
  constructor(
    readonly id: string,
    reason: string,
  ) {
    super(`Cannot adopt key ${id}: ${reason}`, "GET", "/api_keys");
  }
}

/**
 * Thrown by an operation that was still running when the Pulumi engine that asked for it went away (its
 * CLI was killed): work not yet started is dropped, and a key created after that moment is deleted again,
 * since its secret can never reach state.
 */
export class VeniceEngineGoneError extends VeniceError {
  /** `engine`: what died, as its users call it ("The Pulumi engine", "OpenTofu (or Terraform)"). */
  constructor(engine = "The Pulumi engine", stopped = "the CLI was stopped") {
    super(`${engine} is gone (${stopped}); no key was left behind.`, "POST", "/api_keys");
  }
}
