import * as pulumi from "@pulumi/pulumi";
import * as venice from "pulumi-venice";

/** The same keys as bench/baseline, with pulumi-venice: only the number and descriptions vary. */
const config = new pulumi.Config();
const count = config.requireNumber("count");
const prefix = config.get("prefix") ?? "bench";
for (let i = 0; i < count; i++) new venice.ApiKey(`k${i}`, { description: `${prefix} ${i}` });
