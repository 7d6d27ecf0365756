// Container calls the commands share, as the docker client library makes them:
// inspect, wait (exit or removal), resize, signal forwarding (sig-proxy), and the
// terminal check of cli/streams (`the input device is not a TTY`).

import type { EngineClient } from '../core/daemon/api';
import { callJson } from './api-call';
import { CliError } from './command';
import type { CommandIO } from './io';

/** The parts of container.InspectResponse the container commands read. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Paused: boolean; Restarting: boolean; ExitCode: number };
  Config: { Tty: boolean; OpenStdin: boolean };
  HostConfig: { AutoRemove: boolean };
  NetworkSettings?: { Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null };
}

export async function inspectContainer(client: EngineClient, ref: string): Promise<ContainerInspect> {
  return (await callJson(client, { method: 'GET', path: `/containers/${ref}/json` })) as ContainerInspect;
}

/** In.CheckTty: a TTY with stdin needs the client's stdin to be a terminal. */
export function checkTty(io: CommandIO, attachStdin: boolean, tty: boolean): void {
  if (tty && attachStdin && !io.isTTY) throw new CliError('the input device is not a TTY', 1);
}

/**
 * waitExitOrRemoved: POST /containers/{id}/wait is sent now (before start, so no exit is
 * missed) and resolves to the exit code; a failed wait is 125.
 */
export function waitExitOrRemoved(client: EngineClient, id: string, removed: boolean): Promise<number> {
  const req = callJson(client, {
    method: 'POST',
    path: `/containers/${id}/wait`,
    query: { condition: removed ? 'removed' : 'next-exit' },
  });
  return req.then(
    (b) => {
      const r = b as { StatusCode?: number; Error?: { Message?: string } | null };
      return r.Error?.Message ? 125 : (r.StatusCode ?? 0);
    },
    () => 125,
  );
}

/** resizeTtyTo: the client's terminal size to the container's (or exec's) TTY; failures are ignored. */
export async function resizeTty(client: EngineClient, path: string, io: CommandIO): Promise<void> {
  const h = io.rows ?? 24;
  const w = io.columns;
  if (h === 0 && w === 0) return;
  try {
    await callJson(client, { method: 'POST', path, query: { h: String(h), w: String(w) } });
  } catch {
    // the client logs resize failures at debug level only
  }
}

/** ForwardAllSignals: a signal the client received, sent on to the container by name (INT, TERM). */
export function forwardSignal(client: EngineClient, id: string, signal: string): void {
  void callJson(client, { method: 'POST', path: `/containers/${id}/kill`, query: { signal } }).catch(
    () => undefined,
  );
}
