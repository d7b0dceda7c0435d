import { isIPv6 } from "node:net";

/**
 * Work that every start of a plugin would repeat, done once while its start-up snapshot is built so
 * that the result is in the snapshot (the standalone executables' snapshot.ts calls it then):
 * - node:net filters IPv6 link-local addresses out of every listen on a host name or address, with a
 *   long regular expression that V8 compiles at its first use: 5-6 ms before the handshake line of each
 *   start. Compiled here, it is part of the heap the executable resumes from.
 * node:net itself can be in a snapshot (node:http2, node:tls and node:http cannot, see CONTRIBUTING).
 */
export function warmUpForSnapshot(): void {
  isIPv6("::1");
}
