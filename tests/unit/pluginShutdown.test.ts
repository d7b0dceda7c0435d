import { shutdownThenExit } from "../../provider/fronts/terraform/goPlugin";

/**
 * go-plugin's Shutdown as a specification: the answer goes first, and the exit never races it. The call
 * here is a stand-in that lets a test decide when the answer is out ("sent") or the client gave up.
 */
type Event = "sent" | "cancelled";

function shutdown() {
  const listeners: Partial<Record<Event, () => void>> = {};
  const call = {
    on(event: Event, listener: () => void) {
      listeners[event] = listener;
      return call;
    },
  };
  let whenIdle: (() => void) | undefined;
  const server = { closeWhenIdle: (done: () => void) => void (whenIdle = done) };
  const exit = jest.fn();
  const answers: object[] = [];
  shutdownThenExit(server, exit)(call, (_e, r) => answers.push(r));
  return { exit, answers, emit: (event: Event) => listeners[event]!(), hangUp: () => whenIdle!() };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("answers at once and does not exit while its answer is still going out, however long that takes", () => {
  const s = shutdown();
  expect(s.answers).toEqual([{}]);
  jest.advanceTimersByTime(999);
  expect(s.exit).not.toHaveBeenCalled();
});

test("exits as soon as the client hangs up after the answer is out", () => {
  const s = shutdown();
  s.emit("sent");
  s.hangUp();
  expect(s.exit).toHaveBeenCalled();
});

test("exits 50 ms after the answer is out when the client keeps its connection", () => {
  const s = shutdown();
  jest.advanceTimersByTime(500);
  s.emit("sent");
  jest.advanceTimersByTime(49);
  expect(s.exit).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(s.exit).toHaveBeenCalled();
});

test("exits at once when the client cancels the call", () => {
  const s = shutdown();
  s.emit("cancelled");
  expect(s.exit).toHaveBeenCalled();
});

test("exits after 1 s when the answer's stream fails without either signal, within the client's 2 s", () => {
  const s = shutdown();
  jest.advanceTimersByTime(1000);
  expect(s.exit).toHaveBeenCalled();
});
