import * as pulumi from "@pulumi/pulumi";
import * as venice from "pulumi-venice";

/**
 * Per-environment Venice keys. Each stack (Pulumi.dev.yaml, Pulumi.staging.yaml, Pulumi.prod.yaml)
 * says how long its keys live and how much they may spend; the shape of the environment is the same.
 */
interface EnvironmentSettings {
  /**
   * Lifetime of the CI key (e.g. "90d"), short-lived outside prod. Relative, so the stack never carries a
   * date that passes: each rotation starts a new lifetime.
   */
  ciKeyExpireAfter?: venice.Duration;
  /** How long before its expiry the CI key is rotated (the drift gate fails from then on). */
  ciKeyRotateBefore?: venice.Duration;
  /** Monthly USD cap of the CI key. */
  ciMonthlyUsd: number;
  /** Daily caps of the application key. */
  appDailyUsd: number;
  appDailyDiem?: number;
  /** Model privacy of the application key. */
  appModelPrivacy?: venice.ModelPrivacy;
  /** Whether this environment gets an ADMIN key for its own automation (rare; prod only here). */
  adminKey?: boolean;
}

const env = pulumi.getStack();
const settings = new pulumi.Config().requireObject<EnvironmentSettings>("settings");

const ci = new venice.ApiKey(`${env}-ci`, {
  description: `${env} / ci`,
  apiKeyType: "INFERENCE",
  expireAfter: settings.ciKeyExpireAfter,
  rotateBefore: settings.ciKeyRotateBefore,
  consumptionLimit: { usd: settings.ciMonthlyUsd },
  limitPeriod: "MONTH",
});

const app = new venice.ApiKey(`${env}-app`, {
  description: `${env} / app`,
  consumptionLimit: { usd: settings.appDailyUsd, diem: settings.appDailyDiem },
  limitPeriod: "EPOCH",
  modelPrivacy: settings.appModelPrivacy ?? "ALL",
});

// Venice's guidance (and pulumi-venice's policy pack): admin keys are rare and short-lived.
const admin = settings.adminKey
  ? new venice.ApiKey(`${env}-automation`, {
      description: `${env} / automation (admin)`,
      apiKeyType: "ADMIN",
      expireAfter: "30d",
      rotateBefore: "7d",
    })
  : undefined;

/** Key values are secrets: encrypted in state, shown only with --show-secrets. */
export const ciKey = ci.key;
export const appKey = app.key;
export const automationKey = admin?.key;
export const lastSix = { ci: ci.last6Chars, app: app.last6Chars, automation: admin?.last6Chars };
