import { operationCounter, type EngineGuard } from "../../core";
import type { VeniceClient } from "../../client/veniceClient";
import { VeniceEngineGoneError } from "../../core/errors";

/**
 * What the Terraform provider does when tofu (or terraform) dies under it. The engine starts the
 * provider as its child and never says it died: a `tofu apply` killed with SIGKILL (a lost CI runner,
 * an OOM kill) leaves the provider running, finishing creates whose keys no state will ever name. Tofu
 * writes state at most every 20 s during an apply (TF_STATE_PERSIST_INTERVAL cannot go lower) and at
 * the end, so any key this process made may be unrecorded when tofu dies. So once the parent is gone
 * (this process was reparented), queued creates never start, and every key this process created is
 * deleted: one that tofu did record then shows as gone at the next plan, which creates it again (the
 * documented recovery is a plain `tofu apply`), where an orphan would stay invisible. Then it exits.
 *
 * StopProvider (Ctrl-C: tofu stops gracefully and records what was made) only stops queued work.
 */
export const PARENT_POLL_MS = 500;

export interface TerraformGuard extends EngineGuard {
  /** StopProvider: queued work stops; what is done stays done. */
  stop(): void;
}

export function terraformGuard(parentPid: number = process.ppid): TerraformGuard {
  const controller = new AbortController();
  let gone = false;
  const created: Array<{ id: string; venice: VeniceClient }> = [];
  const { operation } = operationCounter(() => gone);
  const undoCreated = () =>
    operation(async () => {
      for (const { id, venice } of created.splice(0)) await venice.deleteKey(id).catch(() => undefined);
    });
  const timer = setInterval(() => {
    if (process.ppid === parentPid) return;
    clearInterval(timer);
    gone = true;
    controller.abort(new Error("the Terraform engine is gone"));
    void undoCreated();
  }, PARENT_POLL_MS);
  timer.unref();

  const goneError = () => new VeniceEngineGoneError("OpenTofu (or Terraform)", "it was stopped");
  return {
    goneError,
    get signal() {
      return controller.signal;
    },
    isGone: () => gone,
    operation,
    async handOver(venice, id) {
      if (gone) {
        await venice.deleteKey(id);
        throw goneError();
      }
      created.push({ id, venice });
    },
    stop() {
      if (!controller.signal.aborted) controller.abort(new Error("tofu asked the provider to stop"));
    },
  };
}
