import Foundation
import Hummingbird
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// An organization's connections to its apps: `/v1/orgs/{org}/connections/*`. Values are checked against the
/// app's connection fields; secret fields are sealed before they reach the store (bound to the tenant and the
/// connection) and never come back: reads show `••••` for a secret that is set.
struct ConnectionRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let sealer: SecretSealer
    let outbound: any HTTPTransport
    var access: Access { Access(store: store) }

    /// What reads show instead of a secret.
    static let mask = "••••"

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/connections", "Create a connection", role: .builder, body: ["name", "app", "values"],
            success: .created
        ) {
            request, context in try await create(request, context)
        }
        api.on(.get, "orgs/:org/connections", "The connections (secrets masked)", role: .viewer) { _, context in
            try await list(context)
        }
        api.on(.get, "orgs/:org/connections/:name", "A connection (secrets masked)", role: .viewer) { _, context in
            try await show(context)
        }
        api.on(
            .put, "orgs/:org/connections/:name", "Change some of a connection's values", role: .builder,
            body: ["values"]
        ) {
            request, context in try await update(request, context)
        }
        api.on(.delete, "orgs/:org/connections/:name", "Delete a connection", role: .builder, success: .noContent) {
            _, context in try await delete(context)
        }
        api.on(
            .post, "orgs/:org/connections/:name/test",
            "Check a connection: call its app's test action and answer what happened, secrets masked", role: .builder
        ) { _, context in try await test(context) }
    }

    /// Calls the app's `connection.test` action with the connection (behind the egress guard).
    func test(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let connection = try await existing(tenant, context)
        let app = try await TenantApps(tenant: tenant).app(connection.appID).manifest
        guard let test = app.connectionTest else {
            throw APIError(
                .unprocessableContent, "no_connection_test",
                "the app `\(app.id)` says no way to test a connection; add `connection.test` to its manifest, or "
                    + "try one of its actions with POST /v1/orgs/{org}/apps/\(app.id)/actions/{action}/test")
        }
        let values = try await ConnectionSecrets.open(connection, sealer: sealer).values
        let trial = await ActionTrial.run(
            app: app, action: test.action, connection: values, input: test.input, transport: outbound)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "connection.tested", target: connection.name,
            details: ["succeeded": .bool(trial.succeeded)])
        return JSONResponse.make(.ok, trial.json)
    }

    private func existing(_ tenant: any TenantStore, _ context: WeftRequestContext) async throws -> StoredConnection {
        // Written in two statements: the one-`guard` form crashes Swift 6.3.1's optimizer (coroutine splitting).
        let connection = try await tenant.connection(name: context.parameters.get("name") ?? "")
        guard let connection else { throw APIError.notFound("the connection") }
        return connection
    }

    func create(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["name", "app", "values"])
        let name = try body.string("name", maximumLength: 100)!
        guard Identifier.isValid(name) else {
            throw APIError(
                .unprocessableContent, "invalid_field",
                "`name` must be lowercase letters, digits, `_` and `-`, starting with a letter")
        }
        let app = try await TenantApps(tenant: tenant).app(try body.string("app", maximumLength: 100)!).manifest
        guard try await tenant.connection(name: name) == nil else {
            throw APIError(.conflict, "connection_exists", "a connection named `\(name)` exists; change it with PUT")
        }
        let given = try Self.values(body.fields["values"])
        let (plain, secrets) = try Self.split(given, app: app)
        let id = StoreID.random("con")
        let now = Date()
        let connection = StoredConnection(
            id: id, tenantID: tenant.tenantID, name: name, appID: app.id, values: .object(plain),
            sealedSecrets: try await ConnectionSecrets.seal(secrets, tenant: tenant.tenantID, id: id, sealer: sealer),
            createdAt: now, updatedAt: now)
        try await tenant.saveConnection(connection)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "connection.created", target: name,
            details: ["app": .string(app.id), "fields": .array(given.keys.sorted().map(JSON.string))])
        return JSONResponse.make(.created, ["connection": try await masked(connection, app: app)])
    }

    func list(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let apps = try await TenantApps(tenant: tenant).latest()
        var list: [JSON] = []
        for connection in try await tenant.connections() {
            list.append(try await masked(connection, app: apps[connection.appID]))
        }
        return JSONResponse.make(.ok, ["connections": .array(list)])
    }

    func show(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let connection = try await existing(tenant, context)
        let app = try? await TenantApps(tenant: tenant).app(connection.appID).manifest
        return JSONResponse.make(.ok, ["connection": try await masked(connection, app: app)])
    }

    /// Replaces the values given; fields left out keep their value, so secrets need not be sent again. A field
    /// set to `null` is cleared.
    func update(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        var connection = try await existing(tenant, context)
        let app = try await TenantApps(tenant: tenant).app(connection.appID).manifest
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["values"])
        let given = try Self.values(body.fields["values"])
        var current = connection.values.objectValue ?? [:]
        for (key, value) in try await ConnectionSecrets.sealedFields(of: connection, sealer: sealer) {
            current[key] = value
        }
        for (key, value) in given { current[key] = value == .null ? nil : value }
        let (plain, secrets) = try Self.split(current, app: app)
        connection.values = .object(plain)
        connection.sealedSecrets = try await ConnectionSecrets.seal(
            secrets, tenant: tenant.tenantID, id: connection.id, sealer: sealer)
        connection.updatedAt = Date()
        try await tenant.saveConnection(connection)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "connection.updated", target: connection.name,
            details: ["fields": .array(given.keys.sorted().map(JSON.string))])
        return JSONResponse.make(.ok, ["connection": try await masked(connection, app: app)])
    }

    func delete(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let connection = try await existing(tenant, context)
        try await tenant.deleteConnection(name: connection.name)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "connection.deleted", target: connection.name, details: [:])
        return Response(status: .noContent)
    }

    // MARK: Values

    private static func values(_ value: JSON?) throws -> JSONObject {
        switch value {
        case nil, .null?: return [:]
        case .object(let object)?: return object
        case let other?:
            throw APIError(.unprocessableContent, "wrong_type", "`values` must be an object, not \(other.typeName)")
        }
    }

    /// Checks `values` against the app's connection fields and splits them into plain and secret ones.
    static func split(_ values: JSONObject, app: AppManifest) throws -> (
        plain: JSONObject, secrets: JSONObject
    ) {
        var plain = JSONObject()
        var secrets = JSONObject()
        for (name, value) in values {
            guard let field = app.connectionFields[name] else {
                let known = app.connectionFields.keys.map { "`\($0)`" }.joined(separator: ", ")
                throw APIError(
                    .unprocessableContent, "unknown_field",
                    "the app `\(app.id)` has no connection field `\(name)`; its fields are \(known)")
            }
            guard Self.matches(value, field.type) else {
                throw APIError(
                    .unprocessableContent, "wrong_type",
                    "the field `\(name)` must be \(field.type.rawValue == "integer" ? "an" : "a") \(field.type.rawValue), "
                        + "not \(value.typeName)")
            }
            if field.secret { secrets[name] = value } else { plain[name] = value }
        }
        let missing = app.connectionFields.filter { name, field in
            field.required && field.defaultValue == nil && values[name] == nil
        }.map(\.key)
        guard missing.isEmpty else {
            throw APIError(
                .unprocessableContent, "missing_field",
                "the app `\(app.id)` needs \(missing.map { "`\($0)`" }.joined(separator: ", "))")
        }
        return (plain, secrets)
    }

    private static func matches(_ value: JSON, _ type: ConnectionField.FieldType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.boolean, .bool), (.number, .number): return true
        case (.integer, .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    /// The connection as reads show it: plain values, and each secret that is set as ``mask``.
    private func masked(_ connection: StoredConnection, app: AppManifest?) async throws -> JSON {
        var values = connection.values.objectValue ?? [:]
        for key in try await ConnectionSecrets.sealedFields(of: connection, sealer: sealer).keys {
            values[key] = .string(Self.mask)
        }
        return [
            "name": .string(connection.name), "app": .string(connection.appID), "values": .object(values),
            "created_at": .string(ISO8601.string(connection.createdAt)),
            "updated_at": .string(ISO8601.string(connection.updatedAt)),
        ]
    }
}
