import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../../../src/core/clock';
import { containerMachine, dockerStatus, type ContainerRuntime, type RestartPolicy } from '../../../src/core/daemon/container-machine';
import { SIGKILL, SIGTERM } from '../../../src/core/kernel/signals';

/** Records what the machine asks of the runtime; the test plays the kernel's part. */
function harness(opts: { policy?: RestartPolicy; failStart?: boolean; stopSignal?: number } = {}) {
  const clock = new VirtualClock(0);
  const calls: string[] = [];
  const ref: { actor?: ReturnType<typeof createActor<typeof containerMachine>> } = {};
  const runtime: ContainerRuntime = {
    start: () => {
      calls.push('start');
      ref.actor!.send(opts.failStart ? { type: 'start.failed' } : { type: 'process.started' });
    },
    signal: (s) => calls.push(`signal ${s}`),
    freeze: () => calls.push('freeze'),
    thaw: () => calls.push('thaw'),
  };
  const actor = createActor(containerMachine, {
    clock,
    input: {
      runtime,
      restartPolicy: opts.policy ?? { Name: 'no', MaximumRetryCount: 0 },
      stopSignal: opts.stopSignal ?? SIGTERM,
      stopTimeoutMs: 10_000,
      now: () => clock.now(),
    },
  });
  ref.actor = actor;
  actor.start();
  const state = () => actor.getSnapshot().value as string;
  return { clock, calls, actor, state };
}

describe('container lifecycle machine', () => {
  it('stop sends SIGTERM, waits the 10 s grace, then SIGKILL', () => {
    const { actor, calls, clock, state } = harness();
    actor.send({ type: 'container.start' });
    expect(state()).toBe('running');
    actor.send({ type: 'container.stop', timeoutMs: 10_000 });
    expect(calls).toEqual(['start', `signal ${SIGTERM}`]);
    expect(dockerStatus('stopping')).toBe('running');
    clock.advance(9_999);
    expect(calls).not.toContain(`signal ${SIGKILL}`);
    clock.advance(1);
    expect(calls.at(-1)).toBe(`signal ${SIGKILL}`);
    actor.send({ type: 'process.exit', code: 137 });
    expect(state()).toBe('exited');
    expect(clock.pending()).toBe(0);
  });

  it('a process that handles the stop signal ends the grace early; -t 2 shortens it', () => {
    const { actor, calls, clock, state } = harness({ stopSignal: 3 });
    actor.send({ type: 'container.start' });
    actor.send({ type: 'container.stop', timeoutMs: 2_000 });
    expect(calls.at(-1)).toBe('signal 3');
    actor.send({ type: 'process.exit', code: 0 });
    expect(state()).toBe('exited');
    clock.advance(20_000);
    expect(calls).not.toContain(`signal ${SIGKILL}`);
  });

  it('a failed first start leaves the container created; a failed later start leaves it exited', () => {
    const h = harness({ failStart: true });
    h.actor.send({ type: 'container.start' });
    expect(h.state()).toBe('created');
  });

  it('on-failure:2 restarts twice with backoff 100 ms then 200 ms, then gives up', () => {
    const { actor, clock, state, calls } = harness({ policy: { Name: 'on-failure', MaximumRetryCount: 2 } });
    actor.send({ type: 'container.start' });
    actor.send({ type: 'process.exit', code: 1 });
    expect(state()).toBe('restarting');
    clock.advance(99);
    expect(state()).toBe('restarting');
    clock.advance(1);
    expect(state()).toBe('running');
    actor.send({ type: 'process.exit', code: 1 });
    clock.advance(200);
    expect(state()).toBe('running');
    expect(actor.getSnapshot().context.restartCount).toBe(2);
    actor.send({ type: 'process.exit', code: 1 });
    expect(state()).toBe('exited');
    expect(calls.filter((c) => c === 'start')).toHaveLength(3);
  });

  it('on-failure does not restart after exit 0; always does; a manual stop never restarts', () => {
    const a = harness({ policy: { Name: 'on-failure', MaximumRetryCount: 0 } });
    a.actor.send({ type: 'container.start' });
    a.actor.send({ type: 'process.exit', code: 0 });
    expect(a.state()).toBe('exited');

    const b = harness({ policy: { Name: 'always', MaximumRetryCount: 0 } });
    b.actor.send({ type: 'container.start' });
    b.actor.send({ type: 'process.exit', code: 0 });
    expect(b.state()).toBe('restarting');
    b.clock.advance(100);
    b.actor.send({ type: 'container.stop', timeoutMs: 10_000 });
    b.actor.send({ type: 'process.exit', code: 143 });
    expect(b.state()).toBe('exited');
    b.clock.advance(60_000);
    expect(b.state()).toBe('exited');
  });

  it('pause freezes and unpause thaws; stop of a paused container thaws first', () => {
    const { actor, calls, state } = harness();
    actor.send({ type: 'container.start' });
    actor.send({ type: 'container.pause' });
    expect(state()).toBe('paused');
    actor.send({ type: 'container.unpause' });
    expect(state()).toBe('running');
    actor.send({ type: 'container.pause' });
    actor.send({ type: 'container.stop', timeoutMs: 10_000 });
    expect(calls.slice(-3)).toEqual(['freeze', 'thaw', `signal ${SIGTERM}`]);
  });

  it('kill delivers any signal; exited containers can be removed', () => {
    const { actor, calls, state } = harness();
    actor.send({ type: 'container.start' });
    actor.send({ type: 'container.kill', signal: SIGKILL });
    expect(calls.at(-1)).toBe(`signal ${SIGKILL}`);
    actor.send({ type: 'process.exit', code: 137 });
    actor.send({ type: 'container.remove' });
    expect(state()).toBe('removed');
  });
});
