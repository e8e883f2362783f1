// A stand-in for the preload bridge: canned answers per method, events fired from the test.
import type { Page } from 'playwright-core';
import type { ApiEvent, ApiResponse } from '../../shared/rpc';

export interface StandInConfig {
  responses: Record<string, ApiResponse>;
  /** Methods whose answers wait until the test releases them (for loading states). */
  hold?: string[];
}

export interface RecordedCall {
  method: string;
  input: unknown;
}

/**
 * The page side, as source text: a function of the config that defines window.berth and
 * window.__standIn. Kept as text so no compiler helper leaks into the page.
 */
const pageSource = `(config) => {
  const responses = new Map(Object.entries(config.responses));
  const holding = new Set(config.hold || []);
  const held = new Map();
  const listeners = new Set();
  const calls = [];
  const marks = {};
  const fallback = (method) => ({
    ok: false,
    error: { kind: 'not-found', message: 'The stand-in has no answer for ' + method },
  });
  window.__standIn = {
    calls,
    marks,
    setResponse(method, response) { responses.set(method, response); },
    emit(event) { for (const listener of [...listeners]) listener(event); },
    hold(method) { holding.add(method); },
    release(method) {
      holding.delete(method);
      for (const resume of held.get(method) || []) resume();
      held.delete(method);
    },
    listenerCount() { return listeners.size; },
  };
  window.berth = {
    invoke(method, input) {
      calls.push({ method, input: input === undefined ? null : JSON.parse(JSON.stringify(input)) });
      return new Promise((resolve) => {
        const answer = () => {
          const response = responses.get(method);
          if (method === 'instances.list') marks.instancesAnswered = performance.now();
          resolve(response ? structuredClone(response) : fallback(method));
        };
        if (holding.has(method)) {
          if (!held.has(method)) held.set(method, []);
          held.get(method).push(answer);
        } else {
          Promise.resolve().then(answer);
        }
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}`;

/** Installs the stand-in before any page script runs. */
export async function installStandIn(page: Page, config: StandInConfig): Promise<void> {
  await page.addInitScript({ content: `(${pageSource})(${JSON.stringify(config)});` });
}

interface StandInWindow {
  __standIn: {
    calls: RecordedCall[];
    marks: Record<string, number>;
    setResponse(method: string, response: ApiResponse): void;
    emit(event: ApiEvent): void;
    hold(method: string): void;
    release(method: string): void;
  };
}

/** Every call the page made so far, in order. */
export async function recordedCalls(page: Page, method?: string): Promise<RecordedCall[]> {
  const calls = await page.evaluate(() => (window as unknown as StandInWindow).__standIn.calls);
  return method === undefined ? calls : calls.filter((call) => call.method === method);
}

/** Changes the answer a method gives from now on. */
export async function setResponse(
  page: Page,
  method: string,
  response: ApiResponse,
): Promise<void> {
  await page.evaluate(
    ([m, r]) => {
      (window as unknown as StandInWindow).__standIn.setResponse(m, r);
    },
    [method, response] as const,
  );
}

/** Pushes an event to the page as the main side would. */
export async function emitEvent(page: Page, type: string, payload: unknown): Promise<void> {
  await page.evaluate(
    (event) => {
      (window as unknown as StandInWindow).__standIn.emit(event);
    },
    { type, payload },
  );
}

/** Lets held answers of `method` go. */
export async function releaseHeld(page: Page, method: string): Promise<void> {
  await page.evaluate((m) => {
    (window as unknown as StandInWindow).__standIn.release(m);
  }, method);
}
