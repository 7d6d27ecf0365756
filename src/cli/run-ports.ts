// -p/--publish and --expose (github.com/docker/go-connections/nat ParsePortSpec,
// ParsePortRange) with their exact errors, and net.ParseIP for the host address.

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** strconv.ParseUint(s, 10, 16) */
function parseUint16(s: string): number | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 65535 ? n : undefined;
}

/** nat.ParsePortRange */
function parsePortRange(ports: string): [number, number] | undefined {
  if (ports === '') return undefined;
  if (!ports.includes('-')) {
    const n = parseUint16(ports);
    return n === undefined ? undefined : [n, n];
  }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  const end = parseUint16(parts[1]);
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}

/** nat.SplitProtoPort */
function splitProtoPort(raw: string): [string, string] {
  const i = raw.indexOf('/');
  const port = i < 0 ? raw : raw.slice(0, i);
  let proto = i < 0 ? '' : raw.slice(i + 1);
  if (port === '') return ['', ''];
  if (proto === '') proto = 'tcp';
  return [proto, port];
}

/** nat.ParsePortSpec: the container ports and host bindings of one -p value. */
function parsePortSpec(raw: string): Array<[string, PortBinding]> | string {
  const parts = raw.split(':');
  const n = parts.length;
  let ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const hostPort = n >= 2 ? parts[n - 2] : '';
  const [rawProto, containerPort] = splitProtoPort(parts[n - 1]);
  const proto = rawProto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) return `invalid proto: ${proto}`;
  if (ip !== '' && ip[0] === '[') {
    const m = /^\[([^\]]*)\]$/.exec(ip);
    if (!m) return `invalid IP address ${ip}: address ${ip}: missing ']' in address`;
    ip = m[1];
  }
  if (ip !== '' && !isIPAddress(ip)) return `invalid IP address: ${ip}`;
  if (containerPort === '') return `no port specified: ${raw}<empty>`;
  const cRange = parsePortRange(containerPort);
  if (!cRange) return `invalid containerPort: ${containerPort}`;
  let hRange: [number, number] | undefined;
  if (hostPort !== '') {
    hRange = parsePortRange(hostPort);
    if (!hRange) return `invalid hostPort: ${hostPort}`;
    if (cRange[1] - cRange[0] !== hRange[1] - hRange[0] && cRange[1] !== cRange[0])
      return `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
  }
  const count = cRange[1] - cRange[0] + 1;
  const out: Array<[string, PortBinding]> = [];
  for (let i = 0; i < count; i++) {
    let hPort = '';
    if (hRange) {
      hPort = String(hRange[0] + i);
      if (count === 1 && hRange[0] !== hRange[1]) hPort += `-${hRange[1]}`;
    }
    out.push([`${cRange[0] + i}/${proto}`, { HostIp: ip, HostPort: hPort }]);
  }
  return out;
}

/** nat.ParsePortSpecs: exposed ports and bindings of every -p. */
export function parsePortSpecs(
  specs: string[],
): { exposed: string[]; bindings: Record<string, PortBinding[]> } | string {
  const exposed: string[] = [];
  const bindings: Record<string, PortBinding[]> = {};
  for (const p of specs) {
    const r = parsePortSpec(p);
    if (typeof r === 'string') return r;
    for (const [port, b] of r) {
      if (!exposed.includes(port)) exposed.push(port);
      (bindings[port] ??= []).push(b);
    }
  }
  return { exposed, bindings };
}

/** --expose: `80`, `80/udp`, `8000-8010`. */
export function parseExpose(e: string): string[] | string {
  if (e.includes(':')) return `invalid port format for --expose: ${e}`;
  const [proto, port] = splitProtoPort(e);
  const r = parsePortRange(port);
  if (!r) {
    const why = port === '' ? 'empty string specified for ports' : portRangeError(port);
    return `invalid range format for --expose: ${e}, error: ${why}`;
  }
  const out: string[] = [];
  for (let i = r[0]; i <= r[1]; i++) out.push(`${i}/${proto}`);
  return out;
}

function portRangeError(port: string): string {
  const parts = port.includes('-') ? port.split('-').slice(0, 2) : [port];
  for (const p of parts)
    if (parseUint16(p) === undefined)
      return /^\d+$/.test(p)
        ? `strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`
        : `strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`;
  return `invalid range specified for port: ${port}`;
}

/** net.ParseIP */
export function isIPAddress(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (const [i, g] of all.entries()) {
    if (g.includes('.')) {
      if (i !== all.length - 1 || !isIPAddress(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}
