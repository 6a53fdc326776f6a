/// Which addresses tenant-configured requests may reach. The server refuses, before connecting: loopback,
/// private (RFC 1918, unique local), carrier-grade NAT, link-local (where cloud metadata services live),
/// multicast, reserved and unspecified addresses — and the same addresses hidden inside IPv6 (IPv4-mapped,
/// IPv4-compatible, NAT64, 6to4, Teredo), which is how a naive check is usually bypassed.
public enum EgressRules {
    /// Why `address` may not be contacted, or `nil` when it may.
    public static func refusal(for address: IPAddress) -> String? {
        if address.isIPv4 { return refusal(v4: address) }
        if let embedded = embeddedIPv4(in: address), let reason = refusal(v4: embedded) {
            return reason + " (inside an IPv6 address)"
        }
        for (prefix, length, reason) in v6Blocks where address.isIn(prefix, length: length) { return reason }
        return nil
    }

    private static func refusal(v4 address: IPAddress) -> String? {
        for (prefix, length, reason) in v4Blocks where address.isIn(prefix, length: length) { return reason }
        return nil
    }

    /// The IPv4 address an IPv6 address carries, for the forms that route to it.
    static func embeddedIPv4(in address: IPAddress) -> IPAddress? {
        let b = address.bytes
        let zeros = b[0..<10].allSatisfy { $0 == 0 }
        if zeros && b[10] == 0xFF && b[11] == 0xFF { return IPAddress(bytes: Array(b[12..<16])) }  // ::ffff:a.b.c.d
        if zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1) {
            return IPAddress(bytes: Array(b[12..<16]))  // ::a.b.c.d (deprecated IPv4-compatible)
        }
        if address.isIn([0, 0x64, 0xFF, 0x9B] + Array(repeating: 0, count: 12), length: 96) {
            return IPAddress(bytes: Array(b[12..<16]))  // 64:ff9b::/96 NAT64
        }
        if address.isIn([0x20, 0x02] + Array(repeating: 0, count: 14), length: 16) {
            return IPAddress(bytes: Array(b[2..<6]))  // 2002::/16 6to4
        }
        if address.isIn([0x20, 0x01, 0, 0] + Array(repeating: 0, count: 12), length: 32) {
            return IPAddress(bytes: b[12..<16].map { $0 ^ 0xFF })  // 2001::/32 Teredo (client, inverted)
        }
        return nil
    }

    private static func v4(_ a: UInt8, _ b: UInt8 = 0, _ c: UInt8 = 0, _ d: UInt8 = 0) -> [UInt8] { [a, b, c, d] }

    private static let v4Blocks: [([UInt8], Int, String)] = [
        (v4(0), 8, "an unspecified (\"this network\") address"),
        (v4(10), 8, "a private address"),
        (v4(100, 64), 10, "a carrier-grade NAT address"),
        (v4(127), 8, "a loopback address"),
        (v4(169, 254), 16, "a link-local address (where cloud metadata services answer)"),
        (v4(172, 16), 12, "a private address"),
        (v4(192, 0, 0), 24, "a reserved (IETF protocol) address"),
        (v4(192, 0, 2), 24, "a documentation address"),
        (v4(192, 88, 99), 24, "a reserved (6to4 relay) address"),
        (v4(192, 168), 16, "a private address"),
        (v4(198, 18), 15, "a benchmarking address"),
        (v4(198, 51, 100), 24, "a documentation address"),
        (v4(203, 0, 113), 24, "a documentation address"),
        (v4(224), 4, "a multicast address"),
        (v4(240), 4, "a reserved address"),
    ]

    private static func v6(_ head: [UInt8]) -> [UInt8] { head + Array(repeating: 0, count: 16 - head.count) }

    private static let v6Blocks: [([UInt8], Int, String)] = [
        (v6([]), 128, "an unspecified address"),
        (v6(Array(repeating: 0, count: 15) + [1]), 128, "a loopback address"),
        (v6([0xFC]), 7, "a private (unique local) address"),
        (v6([0xFE, 0x80]), 10, "a link-local address"),
        (v6([0xFE, 0xC0]), 10, "a site-local address"),
        (v6([0xFF]), 8, "a multicast address"),
        (v6([0x01, 0x00]), 64, "a discard-only address"),
        (v6([0x20, 0x01, 0x0D, 0xB8]), 32, "a documentation address"),
    ]
}
