import WeftConnectors
import WeftJSON
import WeftModel
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
        for (key, value) in try await sealedFields(of: connection, sealer: sealer) {
            fields[key] = value
            if case .string(let text) = value, !text.isEmpty { secrets.append(text) }
        }
        return (ConnectionValues(name: connection.name, app: connection.appID, fields: fields), secrets)
    }

    /// The opened values of the organization's connection `name`, which must be a connection to `app`: 404 when
    /// there is no such connection, 422 when it belongs to another app.
    static func values(of name: String, for app: AppManifest, tenant: any TenantStore, sealer: SecretSealer)
        async throws -> ConnectionValues
    {
        guard let connection = try await tenant.connection(name: name) else {
            throw APIError.notFound("the connection `\(name)`")
        }
        guard connection.appID == app.id else {
            throw APIError(
                .unprocessableContent, "connection_app_mismatch",
                "the connection `\(name)` is for the app `\(connection.appID)`, not `\(app.id)`")
        }
        return try await open(connection, sealer: sealer).values
    }

    /// The connection's secret fields, opened (none when it has no sealed secrets).
    static func sealedFields(of connection: StoredConnection, sealer: SecretSealer) async throws -> JSONObject {
        guard !connection.sealedSecrets.isEmpty else { return [:] }
        let opened = try await sealer.openJSON(
            connection.sealedSecrets, tenant: connection.tenantID, row: row(of: connection.id))
        return opened.objectValue ?? [:]
    }

    /// `secrets` sealed for connection `id` of `tenant` (nothing when there are none): what `sealedSecrets` holds.
    static func seal(_ secrets: JSONObject, tenant: StoreID, id: StoreID, sealer: SecretSealer) async throws -> [UInt8]
    {
        guard !secrets.isEmpty else { return [] }
        return try await sealer.seal(.object(secrets), tenant: tenant, row: row(of: id))
    }

    /// The row the secrets of connection `id` are bound to.
    static func row(of id: StoreID) -> String { SecretSealer.row(kind: "connection", id: id) }
}
