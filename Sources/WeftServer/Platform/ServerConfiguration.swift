import Foundation

/// How `weft serve` runs: where it listens and the limits it applies.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// How long a sign-in session lasts.
    public var sessionLifetime: Duration = .seconds(7 * 24 * 3600)
    /// The bcrypt cost of password hashes: 12 in production (about a quarter of a second per check), lower
    /// only in tests.
    public var bcryptCost: UInt8 = 12
    /// The largest request body the API reads.
    public var maximumBodySize = 1 << 20
    /// The deepest JSON the API reads.
    public var maximumJSONDepth = 64
    /// Passwords shorter than this are refused.
    public var minimumPasswordLength = 10

    /// The defaults.
    public init() {}
}
