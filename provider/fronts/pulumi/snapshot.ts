import { startupSnapshot } from "node:v8";
import { warmUpForSnapshot } from "../shared/snapshotWarmUp";
import { launch } from "./launch";

/**
 * The standalone executable's entry (`npm run release` builds it into a V8 start-up snapshot, defining
 * PULUMI_VENICE_VERSION): the modules are evaluated once, at build time, and every start resumes from
 * that heap with the provider loaded. Only what needs the running process (the engine's address in
 * argv, the listening socket, the clock) happens in the function below; see ../terraform/snapshot.ts.
 */
declare const PULUMI_VENICE_VERSION: string;
const start = () => launch(PULUMI_VENICE_VERSION);
// A platform other than the building one gets no snapshot (V8's are per platform): the script just runs.
if (startupSnapshot.isBuildingSnapshot()) {
  warmUpForSnapshot();
  startupSnapshot.setDeserializeMainFunction(start);
} else start();
