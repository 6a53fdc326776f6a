import Synchronization
import WeftJSON
import WeftModel
import WeftRuntime

/// App clients by app and connection, so that OAuth 2.0 tokens and rate limits are shared by every step and
/// every run that uses the same connection.
///
/// A client is replaced when the app's version or the connection's values change (a rotated secret, say);
/// `scope` separates tenants on a server.
public final class AppClientPool: Sendable {
    private struct Key: Hashable {
        var scope: String
        var app: String
        var connection: String
    }

    private struct Entry {
        var version: String
        var file: String
        var fields: [String: JSON]
        var client: AppClient
    }

    /// The transport every client sends through.
    public let transport: any HTTPTransport
    /// The clock every client reads.
    public let clock: any WeftClock
    private let clients = Mutex<[Key: Entry]>([:])

    /// Creates an empty pool.
    public init(transport: any HTTPTransport, clock: any WeftClock = SystemWallClock()) {
        self.transport = transport
        self.clock = clock
    }

    /// The client of `app` through `connection`, created on first use.
    public func client(for app: AppManifest, connection: ConnectionValues, scope: String = "") -> AppClient {
        let key = Key(scope: scope, app: app.id, connection: connection.name)
        return clients.withLock { clients in
            if let entry = clients[key], entry.version == app.version, entry.file == app.file,
                entry.fields == connection.fields
            {
                return entry.client
            }
            let client = AppClient(app: app, connection: connection, transport: transport, clock: clock)
            clients[key] = Entry(version: app.version, file: app.file, fields: connection.fields, client: client)
            return client
        }
    }

    /// Forgets the clients of a connection (deleted, or its credentials revoked).
    public func remove(connection: String, scope: String = "") {
        clients.withLock { clients in
            clients = clients.filter { !($0.key.scope == scope && $0.key.connection == connection) }
        }
    }

    /// How many clients the pool holds.
    public var count: Int { clients.withLock { $0.count } }
}
