import WeftRuntime

/// Decides whether an outbound request may go to a URL.
///
/// ``AsyncHTTPTransport`` asks its policy before the first request and again before every redirect hop, so a
/// redirect cannot lead a request somewhere the first URL could not go. On a laptop every URL is allowed
/// (``AllowAllEgressPolicy``); the server installs its egress guard here (deny loopback, private, link-local and
/// metadata addresses, allow-list by configuration).
public protocol EgressPolicy: Sendable {
    /// How `url` may be contacted; throws a failure (usually `.configuration`, not retryable) when it must not be.
    /// The message is shown to the tenant: it names the host at most, never a resolved address.
    func check(url: String) async throws(StepFailure) -> EgressRoute
}

/// Allows every URL: the policy of the CLI and of tests.
public struct AllowAllEgressPolicy: EgressPolicy {
    /// Creates the policy.
    public init() {}

    public func check(url: String) async throws(StepFailure) -> EgressRoute { .asResolved }
}
