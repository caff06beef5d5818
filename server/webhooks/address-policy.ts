import { BlockList, isIP } from "node:net";

/** Address ranges a webhook may never reach, with the words the refusal uses. */
const CLASSES: [string, [string, number, "ipv4" | "ipv6"][]][] = [
  [
    "a cloud metadata address",
    [
      ["169.254.169.254", 32, "ipv4"],
      ["100.100.100.200", 32, "ipv4"],
      ["fd00:ec2::254", 128, "ipv6"],
    ],
  ],
  [
    "a loopback address",
    [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  ],
  [
    "an unspecified address",
    [
      ["0.0.0.0", 8, "ipv4"],
      ["::", 128, "ipv6"],
    ],
  ],
  [
    "a private address",
    [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["100.64.0.0", 10, "ipv4"],
      ["198.18.0.0", 15, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ],
  ],
  [
    "a link-local address",
    [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  ],
  [
    "a multicast address",
    [
      ["224.0.0.0", 4, "ipv4"],
      ["ff00::", 8, "ipv6"],
    ],
  ],
  [
    "a reserved address",
    [
      ["240.0.0.0", 4, "ipv4"],
      ["192.0.0.0", 24, "ipv4"],
      ["64:ff9b::", 96, "ipv6"],
    ],
  ],
];

const LISTS = CLASSES.map(([name, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return [name, list] as const;
});

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:127.0.0.1), else the address. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/**
 * Why a webhook may not connect to `address`, or null when it may: loopback, private,
 * link-local, multicast, unspecified, reserved and cloud-metadata addresses are refused.
 */
export function refusedAddress(address: string): string | null {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (family === 0) return `${address} is not an IP address`;
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [name, list] of LISTS) if (list.check(plain, type)) return `${address} is ${name}`;
  return null;
}
