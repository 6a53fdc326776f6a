/// How an ``EgressPolicy`` lets a request go: connect wherever the host name resolves at connection time, or to
/// the very address the policy checked (so that a name whose DNS answers change between the check and the
/// connection — DNS rebinding — cannot lead the request to an address the check would have refused).
public enum EgressRoute: Sendable, Equatable {
    /// Resolve the host as usual (the policy does not restrict addresses, or the host is allow-listed).
    case asResolved
    /// Connect to `address` for `host` (TLS still verifies the certificate for `host`).
    case pinned(host: String, address: IPAddress)
}
