import Foundation
import Hummingbird
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// An organization's app manifests (connectors): `/v1/orgs/{org}/apps/*`. Each version (its semantic
/// `version:`) is kept, so a flow can pin the one it uses; a manifest is checked exactly as `weft validate`
/// checks a file.
struct AppRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let sealer: SecretSealer
    let outbound: any HTTPTransport
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/apps", "Store a version of an app manifest", role: .builder, body: ["source"],
            success: .created
        ) {
            request, context in try await save(request, context)
        }
        api.on(.get, "orgs/:org/apps", "The apps (newest version of each)", role: .viewer) { _, context in
            try await list(context)
        }
        api.on(.get, "orgs/:org/apps/:app", "An app and its source (?version)", role: .viewer) { request, context in
            try await show(request, context)
        }
        api.on(.get, "orgs/:org/apps/:app/versions", "An app's versions, newest first", role: .viewer) {
            _, context in try await versions(context)
        }
        api.on(.delete, "orgs/:org/apps/:app", "Delete every version of an app", role: .builder, success: .noContent) {
            _, context in try await delete(context)
        }
        api.on(
            .post, "orgs/:org/apps/:app/actions/:action/test",
            "Call one action with an input and a connection: requests, responses, timing, schema checks",
            role: .builder, body: ["input", "connection", "version"]
        ) { request, context in try await testAction(request, context) }
    }

    func save(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["source"])
        let source = try body.string("source", maximumLength: configuration.maximumBodySize)!
        let (document, diagnostics) = WeftDocument.parse(source, file: "app.yaml")
        var problems = diagnostics
        if case .flow? = document {
            problems.append(.notAnApp(file: "app.yaml", hint: "send flows to the flows endpoint"))
        }
        guard case .app(let app)? = document, !problems.hasErrors else {
            throw APIError(
                .unprocessableContent, "invalid_app", "the app manifest has errors; see details",
                details: .array(problems.sorted { $0.location < $1.location }.map(\.json)))
        }
        let stored: StoredApp
        do throws(StoreError) {
            stored = try await tenant.saveApp(
                appID: app.id, version: app.version, source: source, createdBy: context.identity!.actorID)
        } catch {
            if error.code == .conflict {
                throw APIError(
                    .conflict, "version_exists",
                    "version \(app.version) of `\(app.id)` exists and versions do not change; raise `version:`")
            }
            throw error
        }
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "app.saved", target: app.id,
            details: ["version": .string(app.version)])
        return JSONResponse.make(
            .created, ["app": Self.summary(stored, app), "diagnostics": .array(problems.map(\.json))])
    }

    func list(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let apps = try await tenant.apps().compactMap { stored in
            TenantApps.manifest(stored).map { Self.summary(stored, $0) }
        }
        return JSONResponse.make(.ok, ["apps": .array(apps)])
    }

    func show(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let version = request.uri.queryParameters["version"].map(String.init)
        let (stored, app) = try await TenantApps(tenant: tenant).app(
            context.parameters.get("app") ?? "", version: version)
        return JSONResponse.make(.ok, ["app": Self.summary(stored, app), "source": .string(stored.source)])
    }

    func versions(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let id = context.parameters.get("app") ?? ""
        let versions = try await tenant.appVersions(id: id)
        guard !versions.isEmpty else { throw APIError.notFound("the app `\(id)`") }
        return JSONResponse.make(
            .ok,
            [
                "versions": .array(
                    versions.map {
                        [
                            "version": .string($0.version), "created_by": .string($0.createdBy.rawValue),
                            "created_at": .string(ISO8601.string($0.createdAt)),
                        ]
                    })
            ])
    }

    func delete(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let id = context.parameters.get("app") ?? ""
        guard try await tenant.app(id: id, version: nil) != nil else { throw APIError.notFound("the app `\(id)`") }
        try await tenant.deleteApp(id: id)
        try await tenant.appendAudit(actor: context.identity!.actorID, action: "app.deleted", target: id, details: [:])
        return Response(status: .noContent)
    }

    /// Calls one action for real (behind the egress guard) and answers what happened, secrets masked.
    func testAction(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(
            request, configuration: configuration, allowed: ["input", "connection", "version"])
        let (_, app) = try await TenantApps(tenant: tenant).app(
            context.parameters.get("app") ?? "",
            version: try body.string("version", required: false, maximumLength: 100))
        let actionName = context.parameters.get("action") ?? ""
        guard app.actions[actionName] != nil else { throw APIError.notFound("the action `\(actionName)`") }
        var values = ConnectionValues(name: "test", app: app.id, fields: [:])
        if let name = try body.string("connection", required: false, maximumLength: 100) {
            guard let connection = try await tenant.connection(name: name) else {
                throw APIError.notFound("the connection")
            }
            guard connection.appID == app.id else {
                throw APIError(
                    .unprocessableContent, "connection_app_mismatch",
                    "the connection `\(name)` is for the app `\(connection.appID)`, not `\(app.id)`")
            }
            values = try await ConnectionSecrets.open(connection, sealer: sealer).values
        }
        let trial = await ActionTrial.run(
            app: app, action: actionName, connection: values, input: body.fields["input"] ?? [:], transport: outbound)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "action.tested", target: "\(app.id)/\(actionName)",
            details: ["succeeded": .bool(trial.succeeded)])
        return JSONResponse.make(.ok, trial.json)
    }

    /// What lists show of an app: id, name, version, its connection fields (which are secret) and actions.
    static func summary(_ stored: StoredApp, _ app: AppManifest) -> JSON {
        var fields = JSONObject()
        for (name, field) in app.connectionFields {
            fields[name] = [
                "type": .string(field.type.rawValue), "secret": .bool(field.secret), "required": .bool(field.required),
            ]
        }
        return [
            "id": .string(app.id), "name": .string(app.name), "version": .string(app.version),
            "connection_fields": .object(fields),
            "actions": .array(
                app.actions.values.map { ["name": .string($0.name), "method": .string($0.method.rawValue)] }),
            "created_at": .string(ISO8601.string(stored.createdAt)),
        ]
    }
}
