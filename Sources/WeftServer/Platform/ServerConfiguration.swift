import Foundation

/// How `weft serve` runs: where it listens and the limits it applies.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// How long a sign-in session lasts.
    public var sessionLifetime: Duration = .seconds(7 * 24 * 3600)
    /// How long an invitation can be accepted.
    public var invitationLifetime: Duration = .seconds(7 * 24 * 3600)
    /// The bcrypt cost of password hashes: 12 in production (about a quarter of a second per check), lower
    /// only in tests.
    public var bcryptCost: UInt8 = 12
    /// The largest request body the API reads.
    public var maximumBodySize = 1 << 20
    /// The largest webhook body accepted (providers send bigger documents than API clients).
    public var maximumWebhookBodySize = 10 << 20
    /// How long `POST …/runs` waits for the run to finish before answering `202` with the queued run.
    public var runWait: Duration = .seconds(30)
    /// The deepest JSON the API reads.
    public var maximumJSONDepth = 64
    /// Passwords shorter than this are refused.
    public var minimumPasswordLength = 10
    /// Requests a minute from one client address (and at once: ``addressBurst``).
    public var addressRequestsPerMinute = 600
    public var addressBurst = 120
    /// Requests a minute with one API key (and at once: ``apiKeyBurst``).
    public var apiKeyRequestsPerMinute = 1200
    public var apiKeyBurst = 240

    /// Hosts (`name` or `name:port`) that tenant-configured requests may reach although the egress guard would
    /// refuse them (an internal API on purpose; tests' local servers).
    public var egressAllowList: Set<String> = []
    /// The address people's browsers reach the server at (`https://weft.example.com`), for the OAuth sign-in
    /// callback; `http://HOST:PORT` when not set.
    public var publicURL: String?
    /// How long a browser sign-in may take, from its start to the provider's callback.
    public var signInLifetime: Duration = .seconds(600)

    /// Where OAuth providers send people back after a sign-in.
    public var oauthRedirectURI: String {
        var base = publicURL ?? "http://\(host):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v1/oauth/callback"
    }

    /// The defaults.
    public init() {}
}
