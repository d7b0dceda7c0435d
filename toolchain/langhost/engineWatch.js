"use strict";
// Exits the language host when the engine that started it is gone. Pulumi's Go host does this with a
// gRPC health check every five minutes; a CLI killed by a lost CI runner would then leave this host
// (and the program it runs) alive for minutes, so this probes every second with a TCP connect, which a
// dead engine's port refuses at once.
// Twin: provider/engineWatch.ts does the same in the provider host. This host runs from the CLI cache,
// outside the package, so it cannot import that one: keep the two in step (same interval, same misses).
// tests/engine/engineWatch.test.ts holds both hosts to the same behaviour.
const net = require("node:net");

const PROBE_INTERVAL_MS = 1000;
const MISSES_TO_GONE = 2;

function refused(address) {
  const colon = address.lastIndexOf(":");
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.slice(0, colon), port: Number(address.slice(colon + 1)) });
    socket.setTimeout(PROBE_INTERVAL_MS);
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

const watched = new Set();

/** Calls `onGone` once, when `address` (host:port) refuses twice in a row. Idempotent per address. */
function watchEngine(address, onGone) {
  if (!/^[^\s:]+:\d+$/.test(address || "") || watched.has(address)) return;
  watched.add(address);
  let misses = 0;
  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    refused(address).then((isRefused) => {
      probing = false;
      misses = isRefused ? misses + 1 : 0;
      if (misses >= MISSES_TO_GONE) {
        clearInterval(timer);
        onGone(address);
      }
    });
  }, PROBE_INTERVAL_MS);
  timer.unref();
}

module.exports = { watchEngine };
