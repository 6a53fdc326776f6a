import WeftJSON
import WeftModel
import WeftRuntime

/// Calls app actions with the connections of a connections file, through a pool of app clients.
public struct LocalActions: ActionCalling {
    public let apps: [String: AppManifest]
    public let connections: [String: ConnectionValues]
    public let pool: AppClientPool

    /// Creates the action caller.
    public init(apps: [String: AppManifest], connections: [String: ConnectionValues], pool: AppClientPool) {
        self.apps = apps
        self.connections = connections
        self.pool = pool
    }

    public func call(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        let (app, values) = try resolve(app: action.app, connection: connection)
        return try await pool.client(for: app, connection: values).call(
            action: action.action, input: input, context: context)
    }

    public func authorize(_ request: HTTPRequest, connection: String, context: EffectContext) async throws(StepFailure)
        -> HTTPRequest
    {
        guard let values = connections[connection] else { throw missing(connection) }
        let (app, _) = try resolve(app: values.app, connection: connection)
        return try await pool.client(for: app, connection: values).authorize(request, context: context)
    }

    public func secrets(of connection: String) -> [String] {
        guard let values = connections[connection] else { return [] }
        let secretFields = apps[values.app].map { app in Set(app.connectionFields.filter(\.value.secret).keys) }
        return values.fields.compactMap { key, value in
            guard secretFields?.contains(key) ?? true, case .string(let text) = value else { return nil }
            return text
        }
    }

    private func resolve(app name: String, connection: String?) throws(StepFailure) -> (AppManifest, ConnectionValues) {
        guard let app = apps[name] else {
            throw StepFailure(.configuration, "no app named `\(name)` is loaded (give its manifest with --apps)")
        }
        let values: ConnectionValues
        if let connection {
            guard let found = connections[connection] else { throw missing(connection) }
            guard found.app == name else {
                throw StepFailure(.configuration, "the connection `\(connection)` is for `\(found.app)`, not `\(name)`")
            }
            values = found
        } else {
            let candidates = connections.values.filter { $0.app == name }
            if candidates.count == 1 {
                values = candidates[0]
            } else if case .none = app.auth {
                values = ConnectionValues(name: "\(name)-anonymous", app: name, fields: [:])
            } else {
                throw StepFailure(
                    .configuration, "the step names no connection for `\(name)`, and there are \(candidates.count)")
            }
        }
        return (app, values)
    }

    private func missing(_ connection: String) -> StepFailure {
        StepFailure(.configuration, "no connection named `\(connection)` (give it in the --connections file)")
    }
}
