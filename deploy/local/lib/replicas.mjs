import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { root } from './paths.mjs';
import { log } from './log.mjs';
import { startProcess, stopCount, waitFor, waitForPort } from './processes.mjs';
import { ensureDeployTools } from './deployTools.mjs';
import { onHost } from './netns.mjs';

/** Where the replicas profile says which process serves each replica (the topology test reads it). */
export const replicaStateFile = (p) => path.join(p.dir, 'replicas.json');

/** The proxy's local certificate authority, which clients of the replicas profile trust. */
export const proxyRootCertificate = (p) => path.join(p.paths.proxy, 'pki/authorities/local/root.crt');

/** Each replica: its host on the topology's network (ADR 0043), its port, and its address from here. */
export function replicaHosts(p) {
  return p.replicaPorts.map((port, i) => {
    const host = p.network.hosts[i];
    return { ...host, port, url: `http://${host.address}:${port}` };
  });
}

/** One door to both replicas: round robin, a failed connection tried on the other, a dead one left out. */
function upstreams(p) {
  return [
    `\t\treverse_proxy ${replicaHosts(p)
      .map((r) => `${r.address}:${r.port}`)
      .join(' ')} {`,
    '\t\t\tlb_policy round_robin',
    '\t\t\tlb_try_duration 10s',
    '\t\t\tlb_try_interval 100ms',
    // A kept-alive connection to a replica that died fails only once written to: what HTTP calls
    // idempotent (and the workspace's PUT and DELETE are) may then go to the other one.
    '\t\t\tlb_retry_match {',
    '\t\t\t\tmethod GET HEAD OPTIONS PUT DELETE',
    '\t\t\t}',
    // A retried request is sent again whole: small bodies (the API's JSON) are kept for it.
    '\t\t\trequest_buffers 1MiB',
    '\t\t\tfail_duration 5s',
    '\t\t\thealth_uri /healthz',
    '\t\t\thealth_interval 1s',
    '\t\t}',
  ];
}

/**
 * Caddy as the TLS proxy of the production topology (ADR 0038): HTTPS with a certificate of its
 * own local CA on the public port, a plain door on loopback for Synapse's application-service
 * calls, and Synapse's public port: `/sync` to its generic worker, the rest to its main process. A
 * request may name the replica it wants (`X-Test-Replica: 1`), so the topology test can put two
 * clients on different replicas; nothing else may.
 */
function caddyfile(p) {
  const pinned = replicaHosts(p).flatMap((r, i) => [
    `\t@replica${i + 1} header X-Test-Replica ${i + 1}`,
    `\thandle @replica${i + 1} {`,
    `\t\treverse_proxy ${r.address}:${r.port}`,
    '\t}',
  ]);
  return [
    '{',
    '\tadmin off',
    '\tpersist_config off',
    '\tskip_install_trust',
    '\tlocal_certs',
    '\tauto_https disable_redirects',
    `\tstorage file_system ${p.paths.proxy}`,
    '}',
    '',
    `https://localhost:${p.ports.backend} {`,
    '\tbind 127.0.0.1',
    '\ttls internal',
    ...pinned,
    '\thandle {',
    ...upstreams(p),
    '\t}',
    '}',
    '',
    `http://127.0.0.1:${p.ports.internal} {`,
    '\tbind 127.0.0.1',
    '\thandle {',
    ...upstreams(p),
    '\t}',
    '}',
    '',
    `${p.synapseUrl} {`,
    `\tbind ${p.listenAddress}`,
    '\t@sync path_regexp sync ^/_matrix/client/(r0|v3)/sync$',
    '\thandle @sync {',
    `\t\treverse_proxy 127.0.0.1:${p.ports.synapseWorker}`,
    '\t}',
    '\thandle {',
    `\t\treverse_proxy 127.0.0.1:${p.ports.synapseMain}`,
    '\t}',
    '}',
    '',
  ].join('\n');
}

function httpsReady(url, ca) {
  return new Promise((resolve) => {
    const request = https.get(url, { ca, timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/**
 * Caddy in front of the production topology, started before what it stands in front of (it
 * answers 502 until they are up). Waits until it listens and its local CA's certificate exists.
 */
export async function startProxy(p) {
  const { caddy } = await ensureDeployTools({ quiet: true });
  fs.mkdirSync(p.paths.proxy, { recursive: true });
  const config = path.join(p.paths.proxy, 'Caddyfile');
  fs.writeFileSync(config, caddyfile(p));
  const proxy = startProcess('proxy', caddy, ['run', '--config', config, '--adapter', 'caddyfile'], {
    cwd: p.paths.proxy,
    env: { ...process.env, HOME: p.paths.proxy, XDG_DATA_HOME: p.paths.proxy, XDG_CONFIG_HOME: p.paths.proxy },
    logFile: path.join(p.paths.logs, 'proxy.log'),
  });
  await waitForPort(p.ports.backend, proxy, 30_000, 'The TLS proxy');
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(proxyRootCertificate(p))) {
    if (Date.now() > deadline || proxy.exited)
      throw new Error(`The TLS proxy made no certificate; see ${proxy.logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return proxy;
}

/**
 * The workspace of the production topology: two backend replicas (each on PostgreSQL, Redis and
 * the S3-compatible store, as `env` says) behind Caddy. A replica that exits without being asked to
 * is started again after a second, as an orchestrator restarts a pod; replicas.json names each
 * replica's current process.
 */
export async function startReplicaSet(p, env) {
  const replicas = replicaHosts(p).map((host) => ({ ...host, restarts: 0, proc: undefined }));
  const record = () =>
    fs.writeFileSync(
      replicaStateFile(p),
      JSON.stringify(
        replicas.map((r) => ({ name: r.name, port: r.port, url: r.url, pid: r.proc.child.pid, restarts: r.restarts })),
        null,
        2,
      ),
    );
  const generation = stopCount();
  const launch = (replica) => {
    // On its own host: `ip netns exec` enters the replica's namespace and becomes the Node process.
    const [cmd, args] = onHost(replica, process.execPath, [path.join(root, 'server/dist/main.js')]);
    const proc = startProcess(replica.name, cmd, args, {
      cwd: root,
      env: { ...process.env, ...env, HOST: replica.address, PORT: String(replica.port) },
      logFile: path.join(p.paths.logs, `${replica.name}.log`),
    });
    replica.proc = proc;
    proc.child.once('exit', () => {
      if (proc.stopRequested) return;
      setTimeout(() => {
        if (proc.stopRequested || stopCount() !== generation) return;
        replica.restarts++;
        launch(replica);
        record();
      }, 1000);
    });
  };
  // One after the other: the first migrates the database, the second finds it migrated.
  for (const replica of replicas) {
    launch(replica);
    await waitFor(`${replica.url}/readyz`, {
      proc: replica.proc,
      timeoutMs: 60_000,
      what: `Workspace ${replica.name}`,
    });
  }
  record();
  const ca = fs.readFileSync(proxyRootCertificate(p));
  const deadline = Date.now() + 30_000;
  while (!(await httpsReady(`${p.publicUrl}/healthz`, ca))) {
    if (Date.now() > deadline)
      throw new Error(`The TLS proxy did not reach the replicas; see ${p.paths.logs}/proxy.log`);
    await new Promise((r) => setTimeout(r, 250));
  }
  log.ok(`${replicas.length} replicas behind the TLS proxy at ${p.publicUrl}`);
  return { replicas };
}
