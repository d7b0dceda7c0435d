import * as pulumi from "@pulumi/pulumi";
import * as venice from "pulumi-venice";

/**
 * Two ways a key is rotated without an outage:
 * - by lifetime: `app` lives `expireAfter`; from `rotateBefore` before its expiry the drift gate
 *   (`pulumi preview --refresh --expect-no-changes`) fails and `pulumi up` replaces it;
 * - on demand: `ci` is replaced whenever `rotation` in stack config changes (after an exposure, say:
 *   `pulumi config set rotation 2027-03-14-incident && pulumi up`).
 * Either way the new key is made first and the old one is retired, not deleted: it keeps working for
 * `retireAfter`, so consumers can pick up the new value, and then Venice expires it.
 */
const config = new pulumi.Config();

const app = new venice.ApiKey("app", {
  description: `${pulumi.getStack()} / app`,
  expireAfter: config.get("appExpireAfter") ?? "90d",
  rotateBefore: config.get("appRotateBefore") ?? "14d",
  retireAfter: config.get("retireAfter") ?? "1d",
  consumptionLimit: { usd: 50 },
  limitPeriod: "MONTH",
});

const ci = new venice.ApiKey("ci", {
  description: `${pulumi.getStack()} / ci`,
  rotationTrigger: config.get("rotation") ?? "initial",
  retireAfter: config.get("retireAfter") ?? "1d",
  consumptionLimit: { usd: 20 },
  limitPeriod: "MONTH",
});

export const appKey = app.key;
export const appReadyForRotation = app.readyForRotation;
export const appExpiresAt = app.expiresAt;
export const ciKey = ci.key;
export const keyIds = { app: app.id, ci: ci.id };
