import type { Clock } from "./clock";
import type { FaultPlan } from "./faults";
import type { CreationLimiter, ErrorBudget } from "./limits";
import type { Behaviour, Limits } from "./options";
import type { RequestLog } from "./requestLog";
import type { KeyStore } from "./store";

export interface Breach {
  apiKeyId: string | null;
  modelId: string | null;
  rateLimitTier: string;
  rateLimitType: string;
  timestamp: string;
}

/** Everything a route handler may touch; assembled once per emulator. */
export interface EmulatorContext {
  adminKey: string;
  clock: Clock;
  store: KeyStore;
  limits: Limits;
  behaviour: Behaviour;
  creations: CreationLimiter;
  errorBudget: ErrorBudget;
  faults: FaultPlan;
  requests: RequestLog;
  breaches: Breach[];
}
