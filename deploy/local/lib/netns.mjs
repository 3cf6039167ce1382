import { execFileSync } from 'node:child_process';
import { LauncherError } from './log.mjs';
import { ensureDebianPackages } from './prerequisites.mjs';

/**
 * The production topology's own network (ADR 0043): each workspace replica is a host of its own, a
 * Linux network namespace with one address on a bridge; the servers they share (PostgreSQL, Redis,
 * Keycloak, Synapse behind the proxy, s3proxy) listen on the bridge's address in this machine's
 * namespace. A replica so reaches nothing over loopback that a second machine could not reach too.
 *
 * Names and the address range follow the profile's port offset, so a second topology beside the
 * first gets a network of its own: 10.213.<offset / 100>.0/24, bridge `awbr<n>`, namespaces
 * `aw<n>-replica<i>`.
 */
export function topologyNetwork(offset, replicaCount) {
  const n = Math.floor(offset / 100) % 250;
  const prefix = `10.213.${n}`;
  return {
    bridge: `awbr${n}`,
    gateway: `${prefix}.1`,
    subnet: `${prefix}.0/24`,
    hosts: Array.from({ length: replicaCount }, (_, i) => ({
      name: `replica${i + 1}`,
      namespace: `aw${n}-replica${i + 1}`,
      // Interface names have at most 15 characters.
      hostSide: `aw${n}r${i + 1}h`,
      inside: `aw${n}r${i + 1}n`,
      address: `${prefix}.${11 + i}`,
    })),
  };
}

function ip(args, { tolerate = false } = {}) {
  try {
    execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch (error) {
    if (tolerate) return false;
    const detail = error.stderr?.toString().trim() ?? error.message;
    throw new LauncherError(
      `The topology's network could not be made (ip ${args.join(' ')}: ${detail}). It needs root (CAP_NET_ADMIN).`,
    );
  }
}

/** Removes what an earlier run may have left: the namespaces (their veth ends go with them) and the bridge. */
export function removeNetwork(net) {
  for (const host of net.hosts) ip(['netns', 'delete', host.namespace], { tolerate: true });
  for (const host of net.hosts) ip(['link', 'delete', host.hostSide], { tolerate: true });
  ip(['link', 'delete', net.bridge], { tolerate: true });
}

/** Makes the bridge with the servers' address, and one namespace per replica wired to it. */
export function createNetwork(net) {
  ensureDebianPackages([{ command: 'ip', pkg: 'iproute2' }]);
  removeNetwork(net);
  ip(['link', 'add', net.bridge, 'type', 'bridge']);
  ip(['addr', 'add', `${net.gateway}/24`, 'dev', net.bridge]);
  ip(['link', 'set', net.bridge, 'up']);
  for (const host of net.hosts) {
    ip(['netns', 'add', host.namespace]);
    ip(['link', 'add', host.hostSide, 'type', 'veth', 'peer', 'name', host.inside]);
    ip(['link', 'set', host.hostSide, 'master', net.bridge]);
    ip(['link', 'set', host.hostSide, 'up']);
    ip(['link', 'set', host.inside, 'netns', host.namespace]);
    ip(['-n', host.namespace, 'addr', 'add', `${host.address}/24`, 'dev', host.inside]);
    ip(['-n', host.namespace, 'link', 'set', host.inside, 'up']);
    ip(['-n', host.namespace, 'link', 'set', 'lo', 'up']);
    ip(['-n', host.namespace, 'route', 'add', 'default', 'via', net.gateway]);
  }
}

/** A command line that runs `cmd args` on one host of the network. */
export function onHost(host, cmd, args) {
  return ['ip', ['netns', 'exec', host.namespace, cmd, ...args]];
}
