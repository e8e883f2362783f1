// Runs one engine operation: deadline, cancellation, typed error, and exactly one audit record.
import type Docker from 'dockerode';
import type { AuditRecord } from '../../shared/audit';
import type { BerthError } from '../../shared/errors';
import { componentLogger } from '../logger';
import { classifyEngineError } from './engine-errors';

const log = componentLogger('docker');

/** What every operation on one engine shares. */
export interface EngineSession {
  /** The dockerode client; throws the BerthError of a connection that cannot be built. */
  docker: () => Docker;
  hostId: string;
  hostName: string;
  /** The connection is TLS. */
  secure: boolean;
  /** The TLS connection presents a client certificate (true when not told). */
  clientCertificate?: boolean;
  actor: string;
  deadlineMs: number;
  /** Record successful high-frequency reads too (failures of reads are always recorded). */
  auditReads: boolean;
  audit: (record: AuditRecord) => void;
  /** Settles the API version before the first request; shared by concurrent calls. */
  ready: (signal: AbortSignal) => Promise<void>;
}

/** An error the operation treats as success, with what the audit record should say. */
export interface Tolerated<T> {
  value: T;
  message: string;
  details: Record<string, unknown>;
}

export interface CallPlan<T> {
  action: string;
  target: string;
  signal?: AbortSignal | undefined;
  /** A high-frequency read: its success is recorded only when the session records reads. */
  read?: boolean;
  /** Secret-free facts about the request. */
  details?: Record<string, unknown>;
  /** The safe message for success. */
  done: (result: T) => string;
  /** Secret-free facts about the result. */
  resultDetails?: (result: T) => Record<string, unknown>;
  tolerate?: (error: BerthError) => Tolerated<T> | null;
  /** Milliseconds for the whole call; defaults to the session's deadline. */
  deadlineMs?: number;
  /** 'start' for streams: the deadline covers opening them, the caller's signal their whole life. */
  deadlineCovers?: 'call' | 'start';
  /** False for calls that must work before the API version is settled. */
  negotiate?: boolean;
}

/** Runs `work` under a deadline and the caller's signal, records one audit entry, and throws BerthError only. */
export async function runCall<T>(
  session: EngineSession,
  plan: CallPlan<T>,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const ms = plan.deadlineMs ?? session.deadlineMs;
  const opening = plan.deadlineCovers === 'start' ? startDeadline(ms, plan.signal) : null;
  const deadline = opening?.deadline ?? AbortSignal.timeout(ms);
  const signal =
    opening?.signal ??
    (plan.signal === undefined ? deadline : AbortSignal.any([plan.signal, deadline]));
  const details = plan.details ?? {};

  let result: T;
  try {
    if (plan.negotiate !== false) await session.ready(signal);
    result = await untilAborted(work(signal), signal);
  } catch (raw) {
    opening?.clear();
    const error = callError(raw, plan, session, deadline);
    const tolerated = plan.tolerate?.(error) ?? null;
    if (tolerated !== null) {
      if (plan.read !== true || session.auditReads) {
        record(session, plan, 'ok', tolerated.message, error.engineMessage, {
          ...details,
          ...tolerated.details,
        });
      }
      return tolerated.value;
    }
    record(session, plan, 'failed', error.message, error.engineMessage, {
      ...details,
      errorKind: error.kind,
    });
    throw error;
  }

  opening?.clear();
  if (plan.read !== true || session.auditReads) {
    record(session, plan, 'ok', plan.done(result), '', {
      ...details,
      ...plan.resultDetails?.(result),
    });
  }
  return result;
}

/** The BerthError for a failure, telling a deadline (timeout) from the caller's abort (cancelled). */
export function callError(
  raw: unknown,
  plan: { action: string; target: string; signal?: AbortSignal | undefined },
  session: { hostName: string; secure: boolean; clientCertificate?: boolean },
  deadline?: AbortSignal,
): BerthError {
  const context = {
    action: plan.action,
    target: plan.target,
    hostName: session.hostName,
    secure: session.secure,
    clientCertificate: session.clientCertificate ?? true,
  };
  if (plan.signal?.aborted === true) {
    return classifyEngineError(abortReason('AbortError'), context);
  }
  if (deadline?.aborted === true) {
    return classifyEngineError(abortReason('TimeoutError'), context);
  }
  return classifyEngineError(raw, context);
}

/** A signal that fires after `ms` unless cleared, for calls whose deadline covers only their start. */
export function startDeadline(
  ms: number,
  caller?: AbortSignal,
): { signal: AbortSignal; deadline: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(abortReason('TimeoutError'));
  }, ms);
  const signal =
    caller === undefined ? controller.signal : AbortSignal.any([caller, controller.signal]);
  return {
    signal,
    deadline: controller.signal,
    clear: () => {
      clearTimeout(timer);
    },
  };
}

/** Records one audit entry; a failing sink is logged, never allowed to turn a done operation into an error. */
export function record(
  session: EngineSession,
  plan: { action: string; target: string },
  outcome: AuditRecord['outcome'],
  message: string,
  engineMessage: string,
  details: Record<string, unknown>,
): void {
  try {
    session.audit({
      actor: session.actor,
      action: plan.action,
      hostId: session.hostId,
      target: plan.target,
      outcome,
      message,
      engineMessage,
      details,
    });
  } catch (error) {
    log.error(
      { action: plan.action, hostId: session.hostId, error: String(error) },
      'audit record lost',
    );
  }
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(name: 'AbortError' | 'TimeoutError'): Error {
  const error = new Error(name === 'TimeoutError' ? 'The deadline passed' : 'Cancelled');
  error.name = name;
  return error;
}
