import { z } from "zod";
import { VeniceApiError } from "../../provider/core";
import { Pipeline, type RequestSpec } from "../../provider/core";
import type { VeniceClient } from "../../provider/core";

/**
 * Venice's answers as they are, for checking them against what the provider assumes: the status, the
 * body (JSON, unparsed) and the error text, through the provider's own pipeline (same redaction, same
 * handling of 429s and 5xx). Answers the kit provokes on purpose (4xx) are counted and spaced, so that
 * it stays far below Venice's failed-request lock-out (50 in 30 s).
 */
export interface Answer {
  status: number;
  body: unknown;
  /** Venice's `error` text on an error status (redacted). */
  message?: string;
  /** Rate-limit headers of an error answer (the only headers ever kept). */
  timingHeaders: Record<string, string>;
}

/**
 * Time after an error answer before the next provoking request. The kit provokes 7 of them in a run,
 * against Venice's lock-out at 50 in 30 s; the spacing keeps even several runs in a row well below it.
 */
const SPACING_MS = 150;

const anyBody = z.unknown();

export class Probe {
  /** Error answers provoked on purpose so far. */
  provoked = 0;
  private lastProvoked = 0;

  constructor(readonly venice: VeniceClient) {}

  get pipeline(): Pipeline {
    return this.venice.pipeline;
  }

  /** A request expected to succeed: retried on 429, 5xx and lost answers like the provider's. */
  async ok(spec: Omit<RequestSpec<unknown>, "schema">): Promise<unknown> {
    return this.pipeline.request({ ...spec, schema: anyBody });
  }

  /**
   * A request whose refusal is the point (an unknown id, a past expiry): one attempt, spaced from the
   * last such, counted; its answer whatever it is. `as` sends another credential (a key the kit made).
   */
  async provoke(spec: Omit<RequestSpec<unknown>, "schema">, as?: string): Promise<Answer> {
    const wait = this.lastProvoked + SPACING_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const pipeline = as === undefined ? this.pipeline : this.other(as);
    try {
      const body = await pipeline.attempt({ ...spec, schema: anyBody });
      return { status: 200, body, timingHeaders: {} };
    } catch (err) {
      if (!(err instanceof VeniceApiError)) throw err;
      if (err.status >= 400 && err.status < 500 && err.status !== 429) {
        this.provoked++;
        this.lastProvoked = Date.now();
      }
      return {
        status: err.status,
        body: undefined,
        message: err.veniceMessage,
        timingHeaders: err.timingHeaders,
      };
    } finally {
      if (pipeline !== this.pipeline) await pipeline.close();
    }
  }

  private other(credential: string): Pipeline {
    return new Pipeline({ ...this.pipeline.settings, adminKey: credential });
  }
}
