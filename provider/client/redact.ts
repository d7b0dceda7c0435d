/**
 * Last line of defence against leaking credentials into errors and logs. Known secrets are replaced
 * exactly; anything shaped like a Venice key or a bearer token is replaced by pattern, since older keys
 * may not carry the prefix the pattern relies on and new ones may appear in text we did not produce.
 */
const VENICE_KEY = /VENICE_[A-Z]+_KEY_[A-Za-z0-9_-]{8,}/g;
const BEARER = /Bearer\s+[^\s"',]+/gi;

export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) {
    if (secret.length >= 8) out = out.split(secret).join("[REDACTED]");
  }
  return out.replace(VENICE_KEY, "[REDACTED]").replace(BEARER, "Bearer [REDACTED]");
}
