import WeftConnectors
import WeftJSON
import WeftStore

/// A stored connection opened for use: its plain values and its sealed secrets together, in memory only.
enum ConnectionSecrets {
    /// The connection's values, secrets opened, and the secret strings (for masking records and answers).
    static func open(_ connection: StoredConnection, sealer: SecretSealer) async throws -> (
        values: ConnectionValues, secrets: [String]
    ) {
        var fields: [String: JSON] = [:]
        var secrets: [String] = []
        for (key, value) in connection.values.objectValue ?? [:] { fields[key] = value }
        if !connection.sealedSecrets.isEmpty {
            let opened = try await sealer.openJSON(
                connection.sealedSecrets, tenant: connection.tenantID,
                row: SecretSealer.row(kind: "connection", id: connection.id))
            for (key, value) in opened.objectValue ?? [:] {
                fields[key] = value
                if case .string(let text) = value, !text.isEmpty { secrets.append(text) }
            }
        }
        return (ConnectionValues(name: connection.name, app: connection.appID, fields: fields), secrets)
    }
}
