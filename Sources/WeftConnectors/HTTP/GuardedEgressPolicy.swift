import Dispatch
import Foundation
import WeftRuntime

/// The server's egress guard for requests that tenants configure: only `http` and `https`, and no host that is
/// or resolves to an address ``EgressRules`` refuses (loopback, private, link-local and metadata, multicast,
/// reserved, and their IPv6 disguises), unless the host is on the configured allow-list. Every resolved address
/// must pass, so a name with one public and one private address is refused.
///
/// The check runs before the request and before every redirect hop. It resolves the name itself and answers the
/// checked address as the route (``EgressRoute/pinned(host:address:)``): the transport connects there rather than
/// resolving again, so a name whose answers change between the two (DNS rebinding) cannot reach a refused address.
public struct GuardedEgressPolicy: EgressPolicy {
    /// Hosts (`name` or `name:port`, lowercased) that may be contacted whatever they resolve to.
    public let allowedHosts: Set<String>

    /// Creates the guard with an allow-list.
    public init(allowedHosts: Set<String> = []) {
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
    }

    public func check(url: String) async throws(StepFailure) -> EgressRoute {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { throw refusal("`\(url)` is not an absolute URL") }
        guard scheme == "http" || scheme == "https" else {
            throw refusal("only http and https URLs may be requested, not \(scheme)")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        if allowedHosts.contains(host) || allowedHosts.contains("\(host):\(port)") { return .asResolved }
        let addresses: [IPAddress]
        if let literal = IPAddress(host) {
            addresses = [literal]
        } else {
            addresses = await Self.resolve(host)
            guard !addresses.isEmpty else { throw StepFailure(.transport, "the host `\(host)` could not be resolved") }
        }
        for address in addresses {
            if let reason = EgressRules.refusal(for: address) {
                throw refusal("the host `\(host)` is \(reason); requests to internal networks are refused")
            }
        }
        // Every address passed; connect to one of them (IPv4 first, as most networks route it).
        let chosen = addresses.first(where: \.isIPv4) ?? addresses[0]
        return .pinned(host: components.host ?? host, address: chosen)
    }

    private func refusal(_ message: String) -> StepFailure {
        StepFailure(.configuration, message, retryable: false)
    }

    /// Every address `host` resolves to (getaddrinfo, off the cooperative threads).
    static func resolve(_ host: String) async -> [IPAddress] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_family = AF_UNSPEC
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var results: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &results) == 0, let first = results else {
                    continuation.resume(returning: [])
                    return
                }
                defer { freeaddrinfo(first) }
                var addresses: [IPAddress] = []
                var current: UnsafeMutablePointer<addrinfo>? = first
                while let entry = current {
                    if let socketAddress = entry.pointee.ai_addr {
                        switch Int32(entry.pointee.ai_family) {
                        case AF_INET:
                            let bytes = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                                withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) }
                            }
                            if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                        case AF_INET6:
                            let bytes = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                                withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) }
                            }
                            if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                        default:
                            break
                        }
                    }
                    current = entry.pointee.ai_next
                }
                continuation.resume(returning: addresses)
            }
        }
    }
}
