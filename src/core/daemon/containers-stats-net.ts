// docker stats' "networks" (daemon/stats_unix.go getNetworkStats): the
// interfaces of the sandbox a container's network mode leads to. A
// --network container:X container has no sandbox of its own: the daemon walks
// to the donor's (getNetworkSandboxID), so both report the same counters.
import { fail, ok, type Result } from '../image/errors';
import type { ContainerEntry } from './containers-entry';
import { networkModeOf } from './containers-runtime';
import { sharedWith } from './containers-share';
import type { Daemon } from './daemon';

export interface NetworkStats {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

/** Full-size frames carry 1448 bytes of payload. */
const packets = (bytes: number) => (bytes === 0 ? 0 : Math.ceil(bytes / 1448));

/**
 * Per interface, undefined when there is none to list (--network none or host:
 * the sandbox has only lo, which libnetwork does not count), an error when the
 * sandbox is gone (a donor that stopped released it: SandboxByID("")).
 */
export function networkStats(daemon: Daemon, c: ContainerEntry): Result<Record<string, NetworkStats> | undefined> {
  let owner = c;
  while (networkModeOf(owner.rec) === 'container') {
    const id = sharedWith(owner.rec.HostConfig.NetworkMode) ?? '';
    const donor = daemon.get(id);
    if (!donor.ok) return fail('notFound', `Could not get container for ${id}: ${donor.message}`);
    owner = donor.value;
  }
  const cg = owner.live?.cgroup;
  if (!owner.running || !cg) return fail('invalid', 'invalid id: id is empty');
  // host and null driver endpoints put no interface in the namespace
  const eps = daemon.deps.network.endpointsOf(owner.id).filter((e) => e.net.driver === 'bridge');
  if (eps.length === 0) return ok(undefined);
  const out: Record<string, NetworkStats> = {};
  eps.forEach((_, i) => {
    // the namespace's traffic is counted on its first interface
    const rx = i === 0 ? cg.netRx : 0;
    const tx = i === 0 ? cg.netTx : 0;
    out[`eth${i}`] = {
      rx_bytes: rx,
      rx_packets: packets(rx),
      rx_errors: 0,
      rx_dropped: 0,
      tx_bytes: tx,
      tx_packets: packets(tx),
      tx_errors: 0,
      tx_dropped: 0,
    };
  });
  return ok(out);
}
