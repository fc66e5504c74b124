import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard: a crawl must never reach the server's own network. Every address a host name resolves to is
 * classified, and a connection is only made to an address that passed — the check runs inside the socket's own
 * lookup, so a DNS answer cannot change between check and connect (rebinding), and again on every redirect hop.
 */
export const ADDRESS_CLASSES = ['public', 'loopback', 'private', 'link_local', 'reserved'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];
/** What configuration may open up for a trusted intranet or a test; `reserved` (0.0.0.0, multicast …) never. */
export type AllowedPrivateClass = Exclude<AddressClass, 'public' | 'reserved'>;

const ranges: Record<Exclude<AddressClass, 'public'>, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
    ['fc00::', 7, 'ipv6'], // unique local
  ],
  // Includes the cloud metadata endpoints (169.254.169.254, fd00:ec2::254 is unique-local above).
  link_local: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  reserved: [
    ['0.0.0.0', 8, 'ipv4'], // "this host": connecting to 0.0.0.0 reaches localhost on Linux
    ['192.0.0.0', 24, 'ipv4'],
    ['192.0.2.0', 24, 'ipv4'],
    ['198.18.0.0', 15, 'ipv4'],
    ['198.51.100.0', 24, 'ipv4'],
    ['203.0.113.0', 24, 'ipv4'],
    ['224.0.0.0', 4, 'ipv4'], // multicast
    ['240.0.0.0', 4, 'ipv4'], // reserved and broadcast
    ['::', 128, 'ipv6'],
    ['100::', 64, 'ipv6'], // discard
    ['2001::', 32, 'ipv6'], // Teredo tunnels hide an IPv4 address
    ['2001:db8::', 32, 'ipv6'],
    ['ff00::', 8, 'ipv6'], // multicast
  ],
};

const lists = Object.fromEntries(
  Object.entries(ranges).map(([name, entries]) => {
    const list = new BlockList();
    for (const [network, prefix, type] of entries) list.addSubnet(network, prefix, type);
    return [name, list];
  }),
) as Record<Exclude<AddressClass, 'public'>, BlockList>;

/** IPv6 forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) → that address. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const groups = expandIpv6(lower);
  if (!groups) return undefined;
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  const isNat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0);
  if (isMapped || isNat64) return toIpv4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return toIpv4(groups[1]!, groups[2]!);
  return undefined;
}

function toIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function expandIpv6(address: string): number[] | undefined {
  if (address.includes('.')) return undefined;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return undefined;
  return [...left, ...new Array(fill).fill(0), ...right];
}

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const v4 = embeddedIpv4(address.replace(/%.*$/, ''));
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const name of ['loopback', 'private', 'link_local', 'reserved'] as const) {
    if (lists[name].check(address.replace(/%.*$/, ''), type)) return name;
  }
  return 'public';
}

export class BlockedAddressError extends Error {
  readonly code = 'ERR_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    super(`${host} resolves to ${address} (${addressClass}), which crawling may not reach`);
  }
}

export interface AddressPolicy {
  /** Address classes besides public that this installation allows (configuration; tests allow loopback). */
  allow: readonly AllowedPrivateClass[];
}

export function isAllowedAddress(address: string, policy: AddressPolicy): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind !== 'reserved' && policy.allow.includes(kind));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that resolves, refuses if any answer is not allowed, and connects to what it checked. */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(
      hostname,
      { all: true, family: typeof options.family === 'number' ? options.family : 0 },
      (error, addresses) => {
        if (error) return callback(error, '');
        const blocked = addresses.find((a) => !isAllowedAddress(a.address, policy));
        if (blocked)
          return callback(new BlockedAddressError(hostname, blocked.address, classifyAddress(blocked.address)), '');
        if (addresses.length === 0)
          return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, addresses);
        const first = addresses[0]!;
        callback(null, first.address, first.family);
      },
    );
  };
}

/** For hosts written as IP literals, where no lookup happens: the same decision, made before connecting. */
export function assertAllowedHost(hostname: string, policy: AddressPolicy): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) && !isAllowedAddress(bare, policy))
    throw new BlockedAddressError(hostname, bare, classifyAddress(bare));
}
