import {
  backoffDelay,
  isRetryableStatus,
  MAX_DELAY_MS,
  nextDelay,
  serverRequestedDelay,
} from "../../provider/client/retryTiming";

test.each([429, 500, 502, 503, 504])("%i is retried", (status) =>
  expect(isRetryableStatus(status)).toBe(true),
);
test.each([400, 401, 402, 403, 404, 409, 422])(
  "%i is never retried: it counts toward the lock-out",
  (status) => expect(isRetryableStatus(status)).toBe(false),
);

test("backoff grows exponentially and is capped", () => {
  expect(backoffDelay(0, () => 1)).toBe(250);
  expect(backoffDelay(3, () => 1)).toBe(2000);
  expect(backoffDelay(20, () => 1)).toBe(MAX_DELAY_MS);
});

test("backoff is jittered over the whole range", () => {
  expect(backoffDelay(3, () => 0)).toBe(0);
  expect(backoffDelay(3, () => 0.5)).toBe(1000);
});

test("Retry-After in seconds is honoured", () => {
  expect(serverRequestedDelay({ "retry-after": "3" }, 0)).toBe(3000);
});

test("a reset header in epoch seconds or epoch milliseconds is read either way", () => {
  const now = 1_800_000_000_000;
  expect(serverRequestedDelay({ "x-ratelimit-reset-requests": String(now / 1000 + 5) }, now)).toBe(5000);
  expect(serverRequestedDelay({ "x-ratelimit-resets": String(now + 1500) }, now)).toBe(1500);
});

test("without headers the delay is backoff", () => {
  expect(nextDelay({ attempt: 2, headers: {}, nowMs: 0, remainingBudgetMs: 10_000, random: () => 1 })).toBe(
    1000,
  );
});

test("no delay is offered past the remaining budget", () => {
  expect(
    nextDelay({ attempt: 0, headers: { "retry-after": "30" }, nowMs: 0, remainingBudgetMs: 5_000 }),
  ).toBeUndefined();
});
