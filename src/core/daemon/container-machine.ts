// The lifecycle of one container as an xstate machine: created -> running <->
// paused; running -> exited (process exit, stop, kill, OOM); exited -> running
// (start/restart); restart policies with the daemon's backoff; stop's grace
// period on the world's clock (SIGTERM or the image's StopSignal, then SIGKILL).
// Side effects (spawning PID 1, delivering signals, freezing) belong to the
// runtime given as input; the machine decides what happens when.
import { assign, setup } from 'xstate';
import { SIGKILL } from '../kernel/signals';

export type RestartPolicyName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface RestartPolicy {
  Name: RestartPolicyName | '';
  MaximumRetryCount: number;
}

export interface ContainerRuntime {
  /** Spawn PID 1. Must answer with `process.started` or `start.failed` (now or later). */
  start(): void;
  signal(sig: number): void;
  freeze(): void;
  thaw(): void;
}

export type ContainerEvent =
  | { type: 'container.start' }
  | { type: 'process.started' }
  | { type: 'start.failed' }
  | { type: 'process.exit'; code: number }
  | { type: 'container.stop'; timeoutMs: number; signal?: number }
  | { type: 'container.kill'; signal: number }
  | { type: 'container.pause' }
  | { type: 'container.unpause' }
  | { type: 'container.remove' };

export interface ContainerMachineContext {
  runtime: ContainerRuntime;
  restartPolicy: RestartPolicy;
  restartCount: number;
  stopSignal: number;
  /** Default grace period (ms): 10 s on Linux, or --stop-timeout. */
  stopTimeoutMs: number;
  /** Grace period of the stop in progress. */
  graceMs: number;
  manuallyStopped: boolean;
  everStarted: boolean;
  /** Backoff before the next automatic restart (moby restartmanager: 100 ms doubling, at most 1 min). */
  backoffMs: number;
  lastStart: number;
  now: () => number;
}

export interface ContainerMachineInput {
  runtime: ContainerRuntime;
  restartPolicy: RestartPolicy;
  stopSignal: number;
  stopTimeoutMs: number;
  now: () => number;
}

const BACKOFF_START = 100;
const BACKOFF_MAX = 60_000;

export const containerMachine = setup({
  types: {
    context: {} as ContainerMachineContext,
    events: {} as ContainerEvent,
    input: {} as ContainerMachineInput,
  },
  actions: {
    spawn: ({ context }) => context.runtime.start(),
    sendStopSignal: ({ context }) => context.runtime.signal(context.stopSignal),
    sendKill: ({ context }) => context.runtime.signal(SIGKILL),
    freeze: ({ context }) => context.runtime.freeze(),
    thaw: ({ context }) => context.runtime.thaw(),
  },
  guards: {
    shouldRestart: ({ context, event }) => {
      if (event.type !== 'process.exit' || context.manuallyStopped) return false;
      const p = context.restartPolicy;
      switch (p.Name) {
        case 'always':
        case 'unless-stopped':
          return true;
        case 'on-failure':
          return event.code !== 0 && (p.MaximumRetryCount <= 0 || context.restartCount < p.MaximumRetryCount);
        default:
          return false;
      }
    },
    everStarted: ({ context }) => context.everStarted,
  },
  delays: {
    grace: ({ context }) => context.graceMs,
    backoff: ({ context }) => context.backoffMs,
  },
}).createMachine({
  id: 'container',
  context: ({ input }) => ({
    ...input,
    restartCount: 0,
    graceMs: input.stopTimeoutMs,
    manuallyStopped: false,
    everStarted: false,
    backoffMs: BACKOFF_START,
    lastStart: 0,
  }),
  initial: 'created',
  on: {
    'container.kill': {
      actions: [
        ({ context, event }) => context.runtime.signal(event.signal),
        assign({ manuallyStopped: ({ context, event }) => context.manuallyStopped || event.signal === SIGKILL }),
      ],
    },
  },
  states: {
    created: {
      on: {
        'container.start': 'starting',
        'container.remove': 'removed',
      },
    },
    starting: {
      entry: 'spawn',
      on: {
        'process.started': {
          target: 'running',
          actions: assign({
            everStarted: true,
            manuallyStopped: false,
            lastStart: ({ context }) => context.now(),
          }),
        },
        'start.failed': [{ guard: 'everStarted', target: 'exited' }, { target: 'created' }],
      },
    },
    running: {
      on: {
        'process.exit': [
          {
            guard: 'shouldRestart',
            target: 'restarting',
            actions: assign({
              // a container that ran 10 s or more starts the backoff again
              backoffMs: ({ context }) =>
                context.now() - context.lastStart >= 10_000 ? BACKOFF_START : context.backoffMs,
            }),
          },
          { target: 'exited' },
        ],
        'container.stop': {
          target: 'stopping',
          actions: assign({
            graceMs: ({ event }) => (event.timeoutMs >= 0 ? event.timeoutMs : -1),
            stopSignal: ({ context, event }) => event.signal ?? context.stopSignal,
          }),
        },
        'container.pause': { target: 'paused', actions: 'freeze' },
      },
    },
    paused: {
      on: {
        'container.unpause': { target: 'running', actions: 'thaw' },
        'container.stop': {
          target: 'stopping',
          actions: [
            'thaw',
            assign({ graceMs: ({ event }) => (event.timeoutMs >= 0 ? event.timeoutMs : -1) }),
          ],
        },
        'process.exit': 'exited',
      },
    },
    stopping: {
      entry: [assign({ manuallyStopped: true }), 'sendStopSignal'],
      after: {
        grace: { guard: ({ context }) => context.graceMs >= 0, actions: 'sendKill' },
      },
      on: { 'process.exit': 'exited' },
    },
    restarting: {
      after: {
        backoff: {
          target: 'starting',
          actions: assign({
            restartCount: ({ context }) => context.restartCount + 1,
            backoffMs: ({ context }) => Math.min(context.backoffMs * 2, BACKOFF_MAX),
          }),
        },
      },
      on: {
        'container.stop': { target: 'exited', actions: assign({ manuallyStopped: true }) },
        'container.remove': 'removed',
      },
    },
    exited: {
      on: {
        'container.start': 'starting',
        'container.remove': 'removed',
      },
    },
    removed: { type: 'final' },
  },
});

export type ContainerStateName = 'created' | 'starting' | 'running' | 'paused' | 'stopping' | 'restarting' | 'exited' | 'removed';

/** The State.Status Docker reports for a machine state. */
export function dockerStatus(s: ContainerStateName): 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'removing' {
  switch (s) {
    case 'starting':
    case 'created':
      return 'created';
    case 'stopping':
    case 'running':
      return 'running';
    case 'removed':
      return 'removing';
    default:
      return s;
  }
}
