/**
 * Errors the Venice client throws. Every message is built from redacted parts: it never carries the
 * admin key, a created key's value, an Authorization header or a raw response body.
 */

/** Base class: `method` and `path` name the request (path without query values). */
export class VeniceError extends Error {
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Venice answered with an error status. `veniceMessage` is Venice's `error` text, redacted;
 * `timingHeaders` are the rate-limit headers (Retry-After and resets), the only headers ever kept.
 */
export class VeniceApiError extends VeniceError {
  constructor(
    readonly status: number,
    readonly veniceMessage: string,
    method: string,
    path: string,
    hint?: string,
    readonly timingHeaders: Record<string, string> = {},
  ) {
    super(
      `Venice answered ${status} to ${method} ${path}: ${veniceMessage}${hint ? `. ${hint}` : ""}`,
      method,
      path,
    );
  }
}

/** The admin credential was refused: unknown, revoked, expired, or not an ADMIN key. */
export class VeniceAuthError extends VeniceApiError {}

/** No answer arrived: connection refused or reset, or the request timed out. The request may have been applied. */
export class VeniceTransportError extends VeniceError {
  constructor(
    readonly reason: string,
    /** False only when the request provably never reached Venice (e.g. connection refused). */
    readonly mayHaveApplied: boolean,
    method: string,
    path: string,
  ) {
    super(`No answer from Venice to ${method} ${path}: ${reason}`, method, path);
  }
}

/** Venice answered 2xx with a body that does not match its documented shape. */
export class VeniceResponseError extends VeniceError {
  constructor(detail: string, method: string, path: string) {
    super(`Venice's answer to ${method} ${path} has an unexpected shape: ${detail}`, method, path);
  }
}

/** Retries were spent (time budget or attempts) on retryable failures; `last` is the final one. */
export class VeniceRetriesExhaustedError extends VeniceError {
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly last: VeniceError,
  ) {
    super(
      `Gave up on ${last.method} ${last.path} after ${attempts} attempts in ${Math.round(elapsedMs / 1000)} s ` +
        `(retry budget spent). Last outcome: ${last.message}. Raise VENICE_RETRY_BUDGET_MS or retry later.`,
      last.method,
      last.path,
    );
  }
}

/** A precondition Venice would reject, found before calling it (e.g. the 500-active-key cap). */
export class VeniceLimitError extends VeniceError {}

/** A key the stack holds is gone from Venice (deleted or expired), so it cannot be updated in place. */
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
 * with: doing so would lock the provider (and whoever runs it) out of the account mid-run.
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

/** `adoptKeyId` names a key that cannot be taken over as declared (missing, other type, wrong secret). */
export class VeniceAdoptionError extends VeniceError {
  constructor(
    readonly id: string,
    reason: string,
  ) {
    super(`Cannot adopt key ${id}: ${reason}`, "GET", "/api_keys");
  }
}

/**
 * The Pulumi engine that asked for this work is gone (its CLI was killed). Work not yet started is
 * dropped; a key created after that moment is deleted again, since its secret can never reach state.
 */
export class VeniceEngineGoneError extends VeniceError {
  constructor() {
    super("The Pulumi engine is gone (the CLI was stopped); no key was left behind.", "POST", "/api_keys");
  }
}
