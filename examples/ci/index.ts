import * as venice from "pulumi-venice";

/** The keys this repository's CI owns. Changed only by reviewed pull requests; applied on main. */
const inference = new venice.ApiKey("ci-inference", {
  description: "ci / inference tests",
  consumptionLimit: { usd: 20 },
  limitPeriod: "MONTH",
  modelPrivacy: "PRIVATE_TEXT",
});

export const inferenceKey = inference.key;
export const inferenceKeyLastSix = inference.last6Chars;
