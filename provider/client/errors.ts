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
  /**
   * The answer as parsed JSON, when it was JSON: for the client alone (a create's id in it). Not
   * enumerable, so that no serialisation of the error (a log, a test's leak check) carries it: it may
   * hold a secret.
   */
  declare readonly answer: unknown;

  constructor(
    readonly detail: string,
    method: string,
    path: string,
    readonly status = 200,
    answer?: unknown,
  ) {
    super(`Venice's answer to ${method} ${path} has an unexpected shape: ${detail}`, method, path);
    Object.defineProperty(this, "answer", { value: answer, enumerable: false });
  }
}

/**
 * Venice answered a create with success but in a shape the provider cannot read (no secret where it is
 * documented, a renamed field, a body that is not JSON): Venice made a key nobody can use. The provider
 * removed it again (`left` lists the ids it could not remove) and fails, pointing at the conformance kit.
 */
export class VeniceUnreadableCreateError extends VeniceError {
  constructor(
    readonly answer: VeniceResponseError,
    readonly removed: readonly string[],
    readonly left: readonly string[],
  ) {
    const fate =
      left.length > 0
        ? `It could not be removed again: delete ${left.map((id) => `\`DELETE /api_keys?id=${id}\``).join(", ")} by hand (or with \`npx pulumi-venice audit --delete-unmanaged\`).`
        : removed.length > 0
          ? `The key it made (${removed.join(", ")}) was deleted again, so nothing is left behind.`
          : "No key matching it was found in the account's listing, so none is left behind.";
    super(
      `Venice answered the key's creation with ${answer.status} but the answer cannot be read (${answer.detail}), ` +
        `so the key's value never arrived. ${fate} Run \`npx pulumi-venice conformance\` to see how this Venice ` +
        "differs from what the provider expects.",
      "POST",
      "/api_keys",
    );
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
