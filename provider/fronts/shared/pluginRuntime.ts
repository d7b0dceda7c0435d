import { setFlagsFromString } from "node:v8";
import { prepareHttp } from "../../core";

/**
 * What a plugin process does once its Configure answer is out (both fronts' Configure, under node or
 * standalone; never in a user's program, where lookups use the same client): HTTP loaded ahead of the
 * first request (see prepareHttp), then V8 told to keep undici's HTTP parser on its baseline compiler.
 *
 * undici parses HTTP with llhttp, a WebAssembly module. V8 compiles it with Liftoff and, once the parser
 * is hot, again with TurboFan on a background thread: about 60 ms of a core on this machine, and an exit
 * waits for it (Node joins its worker threads first). In tofu's trace every provider process that had
 * made requests took 30-100 ms from Close to its exit (a Go provider: 1-3 ms); with Liftoff alone,
 * 6-10 ms. Liftoff's code parses Venice's answers (headers, then a JSON body of at most a few hundred
 * kB) as well for a process that lives seconds. `--liftoff-only` is V8's switch for it (a V8 without it
 * says so on stderr and runs as before).
 *
 * The flag is set after the modules HTTP needs are loaded, node:tls included (https to Venice loads it
 * at the first connection): any change of V8's flags makes V8 refuse code caches made before it, Node's
 * own built-in modules' among them (node:http2 and node:tls took 28-36 ms to load after it, 10 before).
 */
export const PLUGIN_V8_FLAGS = ["--liftoff-only"] as const;

export function preparePluginHttp(): Promise<void> {
  return prepareHttp().then(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded ahead, see above
    require("node:tls");
    for (const flag of PLUGIN_V8_FLAGS) setFlagsFromString(flag);
  });
}
