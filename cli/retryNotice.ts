import type { PipelineHooks } from "../provider/core";

/** How often a command that keeps retrying says so again. */
const REPEAT_MS = 15_000;

/**
 * Tells a person, on stderr, what is failing and how long the command will keep trying: at the first
 * retry, then every 15 s while retries go on. Without it, an unreachable Venice means a silent minute.
 */
export function retryNotice(err: (text: string) => void, command: string): PipelineHooks {
  let lastSaid = 0;
  return {
    onRetry: (error, _delayMs, remainingMs) => {
      const now = Date.now();
      if (now - lastSaid < REPEAT_MS) return;
      const first = lastSaid === 0;
      lastSaid = now;
      const left = Math.max(0, Math.round(remainingMs / 1000));
      err(
        first
          ? `pulumi-venice ${command}: ${error.message}; retrying for up to ${left} s more (VENICE_RETRY_BUDGET_MS)\n`
          : `pulumi-venice ${command}: still retrying (${error.message}); ${left} s left\n`,
      );
    },
  };
}
