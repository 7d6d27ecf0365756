// POST /containers/create in daemon/create.go's order: settings verified
// (before the image is even looked up), the image resolved, its config merged
// in, a name reserved, the RW layer made over the image and the init layer,
// mount points registered (volumes created, -v parsed), the working
// directory and anonymous VOLUMEs set up, and empty volumes filled from the
// image's content at their mount point.
import { OverlayMount } from '../fs/overlay';
import type { Layer } from '../fs/layer';
import { FsError } from '../fs/types';
import { fail, ok, type Failure, type Result } from '../image/errors';
import type { ImageService } from '../image/service';
import type { VolumeStore } from '../kernel/volumes';
import type { Random } from '../random';
import type { Clock } from '../clock';
import type { FileSystem, HostInfo } from '../userland/types';
import { generateId, generateName, validateName } from './names';
import {
  adaptHostConfig,
  entrypointAndArgs,
  mergeImageConfig,
  parseBind,
  parseMountSpec,
  verifyCommand,
  verifySettings,
  type ParsedMount,
} from './containers-config';
import { checkImagePlatform, requestedPlatform } from './containers-platform';
import { validateTmpfsDestinations } from './containers-tmpfs';
import { initLayer, overlayInfo } from './containers-rootfs';
import { gatherDevices, opaqueDevices } from './containers-devices';
import { containerResolvConf, dnsOverrides, type ResolvTransform } from './resolv-conf';
import { adaptSharedNamespaces, validateNetMode } from './containers-share';
import type { ContainerEntry } from './containers-entry';
import type { ContainerRecord, CreateBody, HostConfigJson, MountPointRecord } from './containers-types';
import type { MountInfo } from '../userland/procfs';
import { jsonCopy } from '../json-copy';

export interface CreateDeps {
  clock: Clock;
  random: Random;
  images: ImageService;
  volumes: VolumeStore;
  host: HostInfo;
  hostFs: () => FileSystem;
  hostname: string;
  networkExists: (name: string) => boolean;
  /** The ID holding a name ("/web"), if any. */
  nameOwner: (name: string) => string | undefined;
  /** GetContainer, for the donors of container:NAME modes. */
  lookup: (nameOrId: string) => Result<ContainerEntry>;
}

export interface Created {
  rec: ContainerRecord;
  root: OverlayMount;
  files: OverlayMount;
  rootInfo: MountInfo;
  warnings: string[];
}

const LOG_DRIVERS = new Set(['json-file', 'local', 'none', 'journald', 'syslog']);

export function createContainer(d: CreateDeps, name: string, body: CreateBody): Result<Created> {
  const { HostConfig, NetworkingConfig: net, ...config } = jsonCopy(body ?? {});
  const hc: HostConfigJson = HostConfig ?? {};
  // the request's decoding (runconfig decodeContainerConfig) checks the network mode first
  const badNet = validateNetMode(config, hc);
  if (badNet) return badNet;
  // validateIsolation: Linux has only the default
  const isolation = hc.Isolation ?? '';
  if (isolation !== '' && isolation.toLowerCase() !== 'default')
    return fail('invalid', `invalid isolation (${isolation}): linux only supports 'default'`);
  // postContainersCreate: a limit of 0 or below is "unlimited", stored as no limit at all
  if (typeof hc.PidsLimit === 'number' && hc.PidsLimit <= 0) hc.PidsLimit = null;
  if (hc.RestartPolicy && hc.RestartPolicy.Name === '')
    hc.RestartPolicy = { ...hc.RestartPolicy, Name: 'no' };
  const settingWarnings: string[] = [];
  const bad = verifySettings(config, hc, d.host.cpus, (p) => d.hostFs().exists(p), settingWarnings);
  if (bad) return bad;
  const ipc = hc.IpcMode ?? '';
  // verifyPlatformContainerSettings: the client passes --ipc through unchecked
  if (!(['', 'none', 'private', 'host', 'shareable'].includes(ipc) || ipc.startsWith('container:')))
    return fail('invalid', `invalid IPC mode: ${ipc}`);
  const oomScoreAdj = hc.OomScoreAdj ?? 0;
  if (oomScoreAdj < -1000 || oomScoreAdj > 1000)
    return fail('invalid', `Invalid value ${oomScoreAdj}, range for oom score adj is [-1000, 1000]`);
  // the daemon's runtimes: runc (its default) and the shim that runs it
  const runtime = hc.Runtime ?? '';
  if (runtime !== '' && runtime !== 'runc' && runtime !== 'io.containerd.runc.v2')
    return fail('invalid', `unknown or invalid runtime name: ${runtime}`);
  let imageId = '';
  let warnings = settingWarnings;
  if (config.Image) {
    const img = d.images.get(config.Image);
    if (!img.ok) return img;
    imageId = img.value;
    const platform = checkImagePlatform(d.images, config.Image, imageId, requestedPlatform(body));
    if (!platform.ok) return platform;
    warnings = [...settingWarnings, ...platform.value];
  }
  const mode = hc.NetworkMode ?? '';
  // a container network's donor is looked up at start
  if (
    mode !== '' &&
    !['default', 'bridge', 'host', 'none'].includes(mode) &&
    !mode.startsWith('container:') &&
    !d.networkExists(mode)
  )
    return fail('notFound', `network ${mode} not found`);
  adaptHostConfig(hc);
  const badDonor = adaptSharedNamespaces(hc, d.lookup);
  if (badDonor) return badDonor;
  if (imageId) mergeImageConfig(config, d.images.store.config(imageId).config);
  // processes carry no capability sets: a changed set is checked above but cannot bite
  if ((hc.CapAdd ?? []).length > 0 || (hc.CapDrop ?? []).length > 0)
    warnings = [
      ...warnings,
      'Stevedore does not simulate capabilities yet: --cap-add and --cap-drop are checked but not enforced.',
    ];
  // a --device whose driver is not modelled is still made in /dev: say that using it will fail
  const devices = gatherDevices(hc.Devices, (p) => d.hostFs().exists(p));
  const opaque = typeof devices === 'string' ? [] : opaqueDevices(devices);
  if (opaque.length > 0)
    warnings = [
      ...warnings,
      `Stevedore does not simulate the drivers of ${opaque.join(', ')}: the device nodes are made in the container, but reading or writing them fails.`,
    ];
  // no health monitor runs probes: say so rather than show a container that is never checked
  const healthTest = config.Healthcheck?.Test ?? [];
  if (healthTest.length > 0 && healthTest[0] !== 'NONE')
    warnings = [
      ...warnings,
      'Stevedore does not simulate healthchecks yet: this container runs, but its health is never checked.',
    ];
  const noCmd = verifyCommand(config);
  if (noCmd) return noCmd;
  const driver = hc.LogConfig?.Type ?? 'json-file';
  if (!LOG_DRIVERS.has(driver))
    return fail(
      'invalid',
      `failed to create container: logger: no log driver named '${driver}' is registered`,
    );

  // newContainer: the ID, the name, the hostname
  const id = generateId(d.random);
  let fullName: string;
  if (name === '') fullName = `/${generateName(d.random, (n) => d.nameOwner(`/${n}`) !== undefined, id)}`;
  else {
    const invalid = validateName(name);
    if (invalid) return fail('invalid', invalid.replace(/\(([^)]*)\)/, `(${name})`));
    fullName = name.startsWith('/') ? name : `/${name}`;
    const owner = d.nameOwner(fullName);
    if (owner)
      return fail(
        'conflict',
        `Conflict. The container name "${fullName}" is already in use by container "${owner}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
  }
  if (!config.Hostname) config.Hostname = mode === 'host' ? d.hostname : id.slice(0, 12);
  const [path, args] = entrypointAndArgs(config.Entrypoint, config.Cmd);
  const now = d.clock.now();

  // the RW layer over the image's layers and the init layer
  const { layers, cacheIds } = imageLayers(d.images, imageId);
  const root = new OverlayMount([...layers, initLayer()], {
    clock: d.clock,
    mergeNlink: true,
    stampTop: now,
  });
  const layerId = generateId(d.random);
  const rootInfo = overlayInfo(layerId, cacheIds, hc.ReadonlyRootfs === true);

  // registerMountPoints: --volumes-from, then -v, then --mount (each once a destination,
  // replacing what another container lent there)
  const lent = volumesFrom(d, hc.VolumesFrom ?? []);
  if (!(lent instanceof Map)) return lent;
  const parsed: ParsedMount[] = [];
  const seen = new Set<string>();
  for (const b of hc.Binds ?? []) {
    const p = parseBind(b);
    if ('ok' in p) return p;
    if (seen.has(p.mount.Destination))
      return fail('invalid', `Duplicate mount point: ${p.mount.Destination}`);
    seen.add(p.mount.Destination);
    parsed.push(p);
  }
  const badTmpfs = validateTmpfsDestinations(hc.Tmpfs as Record<string, string> | undefined);
  if (badTmpfs) return badTmpfs;
  for (const m of hc.Mounts ?? []) {
    const p = parseMountSpec(m);
    if (seen.has(p.mount.Destination)) return fail('invalid', `Duplicate mount point: ${m.Target}`);
    seen.add(p.mount.Destination);
    parsed.push(p);
  }
  for (const [dest, p] of lent)
    if (!seen.has(dest)) {
      seen.add(dest);
      parsed.unshift(p);
    }
  // SetupWorkingDirectory, then the image's VOLUMEs not already covered
  const wd = config.WorkingDir ?? '';
  if (wd) {
    const st = root.stat(wd);
    if (st instanceof FsError) root.mkdir(wd, { recursive: true, mode: 0o755 });
    else if (st.kind !== 'dir') return fail('system', `Cannot mkdir: ${wd} is not a directory`);
  }
  for (const v of Object.keys(config.Volumes ?? {})) {
    const dest = v.replace(/\/+$/, '') || '/';
    if (seen.has(dest)) continue;
    const st = root.stat(dest);
    if (!(st instanceof FsError) && st.kind !== 'dir')
      return fail(
        'system',
        `cannot mount volume over existing file, file exists /var/lib/docker/overlay2/${layerId}/merged${dest}`,
      );
    seen.add(dest);
    parsed.push({
      mount: {
        Type: 'volume',
        Name: '',
        Source: '',
        Destination: dest,
        Driver: 'local',
        Mode: '',
        RW: true,
        Propagation: '',
        copyData: true,
        anonymous: true,
      },
      volume: { name: '' },
    });
  }
  const mounts: MountPointRecord[] = [];
  const made: string[] = [];
  for (const p of parsed) {
    const m = { ...p.mount };
    if (p.volume) {
      const v = d.volumes.create(
        p.volume.name,
        { labels: p.volume.labels, options: p.volume.options, driver: p.volume.driver },
        id,
      );
      if (!v.ok) {
        for (const n of made) d.volumes.release(n, id);
        return v;
      }
      made.push(v.value.name);
      m.Name = v.value.name;
      m.Source = v.value.mountpoint;
      if (m.copyData) populateVolume(root, m.Destination, v.value.fs);
    }
    mounts.push(m);
  }

  const files = new OverlayMount([], { clock: d.clock });
  files.writeFile('/hostname', `${config.Hostname}\n`, { mode: 0o644 });
  // the start writes it again for the networks joined; until then it is what they will make
  files.writeFile('/resolv.conf', containerResolvConf(createdTransform(mode), dnsOverrides(hc)), {
    mode: 0o644,
  });
  files.writeFile('/hosts', '', { mode: 0o644 });
  const rec: ContainerRecord = {
    Id: id,
    Created: now,
    Path: path,
    Args: args,
    ImageId: imageId,
    Name: fullName,
    RestartCount: 0,
    Config: {
      ...config,
      Env: config.Env ?? [],
      Cmd: config.Cmd ?? null,
      Entrypoint: config.Entrypoint ?? null,
      Labels: config.Labels ?? {},
    },
    HostConfig: hc,
    ...endpointAliases(net, hc.NetworkMode),
    Mounts: mounts,
    LayerId: layerId,
    Ports: {},
    Network: undefined,
    State: {
      Status: 'created',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 0,
      Error: '',
      StartedAt: 0,
      FinishedAt: 0,
    },
  };
  return ok({ rec, root, files, rootInfo, warnings });
}

/** The resolv.conf a network mode leads to: host's own, the embedded DNS's on a user-defined network, else legacy. */
function createdTransform(mode: string): ResolvTransform {
  if (mode === 'host') return 'host';
  if (
    mode === '' ||
    mode === 'default' ||
    mode === 'bridge' ||
    mode === 'none' ||
    mode.startsWith('container:')
  )
    return 'legacy';
  return 'internal';
}

/**
 * registerMountPoints' step 2: the mount points of each --volumes-from container
 * (ParseVolumesFrom: "NAME[:MODE]"), read-only when it was or the mode says ro; a volume
 * is held by the new container too, and nothing is copied into it.
 */
function volumesFrom(d: CreateDeps, specs: readonly string[]): Map<string, ParsedMount> | Failure {
  const out = new Map<string, ParsedMount>();
  for (const spec of specs) {
    if (spec === '') return fail('invalid', 'volumes-from specification cannot be an empty string');
    const colon = spec.indexOf(':');
    const ref = colon < 0 ? spec : spec.slice(0, colon);
    const mode = colon < 0 ? '' : spec.slice(colon + 1);
    if (mode !== '') {
      const opts = mode.split(',');
      // only rw/ro and the SELinux labels: no propagation, no copy mode
      if (
        !opts.every((o) => ['rw', 'ro', 'z', 'Z'].includes(o)) ||
        opts.length > 2 ||
        new Set(opts).size !== opts.length
      )
        return fail('invalid', `invalid mode: ${mode}`);
    }
    const readOnly = mode.split(',').includes('ro');
    const donor = d.lookup(ref);
    if (!donor.ok) return fail('invalid', donor.message);
    for (const m of donor.value.rec.Mounts) {
      const mount: MountPointRecord = {
        Type: m.Type,
        ...(m.Name !== undefined ? { Name: m.Name } : {}),
        Source: m.Source,
        Destination: m.Destination,
        ...(m.Driver !== undefined ? { Driver: m.Driver } : {}),
        Mode: m.Mode,
        RW: m.RW && !readOnly,
        Propagation: m.Propagation,
        ...(m.anonymous ? { anonymous: true } : {}),
      };
      out.set(m.Destination, {
        mount,
        ...(m.Type === 'volume' && m.Name ? { volume: { name: m.Name, driver: m.Driver } } : {}),
      });
    }
  }
  return out;
}

const layerCache = new WeakMap<object, Map<string, { layers: Layer[]; cacheIds: string[] }>>();
/** An image's layers and their overlay2 directories (chain IDs are hashes: worked out once per image). */
function imageLayers(images: ImageService, imageId: string): { layers: Layer[]; cacheIds: string[] } {
  if (!imageId) return { layers: [], cacheIds: [] };
  let m = layerCache.get(images.store);
  if (!m) layerCache.set(images.store, (m = new Map()));
  let e = m.get(imageId);
  if (!e) {
    const store = images.store;
    e = {
      layers: store.layersOf(imageId),
      cacheIds: store.chainOf(imageId).map((c) => store.layer(c)?.cacheId ?? c),
    };
    m.set(imageId, e);
  }
  return e;
}

/** populateVolume / copyExistingContents: an empty volume takes the image's directory (its contents and its own mode and owner). */
function populateVolume(root: OverlayMount, dest: string, vol: OverlayMount): void {
  const st = root.stat(dest);
  if (st instanceof FsError || st.kind !== 'dir') return;
  const names = vol.readdir('/');
  if (names instanceof FsError || names.length > 0) return;
  copyTree(root, dest, vol, '/');
  vol.chmod('/', st.mode);
  vol.chown('/', st.uid, st.gid);
}

function copyTree(from: FileSystem, src: string, to: FileSystem, dst: string): void {
  const list = from.readdirTypes(src);
  if (list instanceof FsError) return;
  for (const { name, kind } of list) {
    const s = src === '/' ? `/${name}` : `${src}/${name}`;
    const t = dst === '/' ? `/${name}` : `${dst}/${name}`;
    const st = from.lstat(s);
    if (st instanceof FsError) continue;
    if (kind === 'dir') {
      to.mkdir(t, { mode: st.mode });
      copyTree(from, s, to, t);
    } else if (kind === 'symlink') {
      const target = from.readlink(s);
      if (!(target instanceof FsError)) to.symlink(target, t);
      continue;
    } else {
      const c = from.readContent(s);
      if (!(c instanceof FsError)) to.writeFile(t, c, { mode: st.mode });
    }
    to.chmod(t, st.mode);
    to.chown(t, st.uid, st.gid);
    to.utimes(t, st.mtime);
  }
}

/** The aliases NetworkingConfig gives the container on the network it is created on. */
function endpointAliases(
  net: CreateBody['NetworkingConfig'],
  mode: string | undefined,
): { Aliases?: string[] } {
  const ep = mode ? (net?.EndpointsConfig?.[mode] as { Aliases?: unknown } | null | undefined) : undefined;
  const aliases = Array.isArray(ep?.Aliases)
    ? ep.Aliases.filter((a): a is string => typeof a === 'string')
    : [];
  return aliases.length ? { Aliases: aliases } : {};
}
