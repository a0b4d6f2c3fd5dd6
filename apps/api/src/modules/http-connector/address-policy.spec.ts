import { describe, expect, it } from '@jest/globals';
import { forbiddenAddressReason, ipLiteralHost, parseIpv6 } from './address-policy.js';

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.10', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['100.127.255.254', /carrier-grade NAT/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['168.63.129.16', /cloud metadata/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fc00::1', /unique local/],
    ['fd00:ec2::254', /unique local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['febf::1', /link-local/],
    ['::ffff:127.0.0.1', /IPv4-mapped address of a loopback/],
    ['::ffff:7f00:1', /IPv4-mapped address of a loopback/],
    ['::ffff:169.254.169.254', /link-local/],
    ['64:ff9b::a9fe:a9fe', /NAT64 address of a link-local/],
    ['2002:0a00:0001::1', /6to4 address of a private/],
    ['ff02::1', /multicast/],
    ['localhost', /not an IP address/],
  ])('refuses %s', (address, reason) => {
    expect(forbiddenAddressReason(address)).toMatch(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '169.255.0.1', '11.0.0.1', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '2002:0808:0808::1'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenAddressReason(address)).toBeUndefined();
    },
  );
});

describe('parseIpv6 and ipLiteralHost', () => {
  it('expands compressed and dotted forms to the same value', () => {
    expect(parseIpv6('::ffff:127.0.0.1')).toBe(parseIpv6('0:0:0:0:0:ffff:7f00:0001'));
    expect(parseIpv6('[::1]')).toBe(1n);
    expect(parseIpv6('1.2.3.4')).toBeUndefined();
  });

  it('recognises IP literals in URL hosts', () => {
    expect(ipLiteralHost('[::1]')).toBe('::1');
    expect(ipLiteralHost('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteralHost('api.example.com')).toBeUndefined();
  });
});
