import { startupSnapshot } from "node:v8";
import { warmUpForSnapshot } from "../shared/snapshotWarmUp";
import { launch } from "./launch";
import { providerService } from "./server";
import { warmUpCalls } from "./warmUp";

/**
 * The standalone executable's entry (`npm run release` builds it into a V8 start-up snapshot): the
 * modules are evaluated once, at build time, and every start resumes from that heap, so neither the
 * handshake nor the first call waits for code to load. Only what needs the running process (the
 * environment, the listening socket, signal handlers, the clock) happens in the function below, which
 * is why no module here may read the environment or the time, or open a handle, when it is evaluated.
 */
const start = () => launch(() => providerService());
// A platform other than the building one gets no snapshot (V8's are per platform): the script just runs.
if (startupSnapshot.isBuildingSnapshot()) {
  warmUpForSnapshot();
  // Its promise settles before the heap is written: the snapshot is taken once the event loop is empty.
  void warmUpCalls();
  startupSnapshot.setDeserializeMainFunction(start);
} else start();
