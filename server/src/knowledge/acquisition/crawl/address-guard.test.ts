import { describe, expect, it } from 'vitest';
import {
  assertAllowedHost,
  BlockedAddressError,
  classifyAddress,
  guardedLookup,
  isAllowedAddress,
} from './address-guard.ts';

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['114.114.114.114', 'public'],
    ['2400:3200::1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['169.254.169.254', 'link_local'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['2002:a9fe:a9fe::1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('lets configuration open loopback or private networks, never reserved ones', () => {
    expect(isAllowedAddress('127.0.0.1', { allow: [] })).toBe(false);
    expect(isAllowedAddress('127.0.0.1', { allow: ['loopback'] })).toBe(true);
    expect(isAllowedAddress('10.0.0.1', { allow: ['loopback'] })).toBe(false);
    expect(isAllowedAddress('0.0.0.0', { allow: ['loopback', 'private', 'link_local'] })).toBe(false);
  });
});

describe('guardedLookup and IP literals', () => {
  const lookup = (host: string, allow: ('loopback' | 'private')[] = []) =>
    new Promise<unknown>((resolve, reject) =>
      guardedLookup({ allow })(host, { all: true }, (error, address) => (error ? reject(error) : resolve(address))),
    );

  it('refuses a name that resolves to loopback unless loopback is allowed', async () => {
    await expect(lookup('localhost')).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(lookup('localhost', ['loopback'])).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });

  it('refuses IP literals of internal networks, in any spelling the URL parser accepts', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://[::1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect(() => assertAllowedHost(new URL(url).hostname, { allow: [] }), url).toThrow(BlockedAddressError);
    }
    expect(() => assertAllowedHost('93.184.216.34', { allow: [] })).not.toThrow();
  });
});
