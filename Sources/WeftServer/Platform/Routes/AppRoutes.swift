import Foundation
import Hummingbird
import WeftCatalog
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// An organization's app manifests (connectors): `/v1/orgs/{org}/apps/*`, next to the built-in catalog. Each
/// version (its semantic `version:`) is kept, so a flow can pin the one it uses; a manifest is checked exactly as
/// `weft validate` checks a file. Actions are a sub-resource: ``AppActionRoutes``.
struct AppRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
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
        let stored = try await TenantApps(tenant: tenant).save(app, source: source, by: context.identity!.actorID)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "app.saved", target: app.id,
            details: ["version": .string(app.version)])
        return JSONResponse.make(
            .created, ["app": Self.summary(stored, app, builtIn: false), "diagnostics": .array(problems.map(\.json))])
    }

    func list(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let apps = try await TenantApps(tenant: tenant).all().values.sorted { $0.manifest.id < $1.manifest.id }
        return JSONResponse.make(
            .ok, ["apps": .array(apps.map { Self.summary($0.stored, $0.manifest, builtIn: $0.builtIn) })])
    }

    func show(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let version = request.uri.queryParameters["version"].map(String.init)
        let app = try await TenantApps(tenant: tenant).app(context.parameters.get("app") ?? "", version: version)
        return JSONResponse.make(
            .ok,
            [
                "app": Self.summary(app.stored, app.manifest, builtIn: app.builtIn),
                "source": .string(app.stored.source),
            ])
    }

    func versions(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let id = context.parameters.get("app") ?? ""
        var versions = try await tenant.appVersions(id: id)
        if versions.isEmpty {
            let builtIn = try await TenantApps(tenant: tenant).app(id)
            versions = [builtIn.stored]
        }
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
        guard try await tenant.app(id: id, version: nil) != nil else {
            if BuiltInCatalog.entry(id) != nil {
                throw APIError(
                    .conflict, "built_in_app", "`\(id)` is a built-in app: it cannot be deleted, only replaced")
            }
            throw APIError.notFound("the app `\(id)`")
        }
        try await tenant.deleteApp(id: id)
        try await tenant.appendAudit(actor: context.identity!.actorID, action: "app.deleted", target: id, details: [:])
        return Response(status: .noContent)
    }

    /// What lists show of an app: id, name, version, whether it is built in, its connection fields (which are
    /// secret) and actions.
    static func summary(_ stored: StoredApp, _ app: AppManifest, builtIn: Bool) -> JSON {
        var fields = JSONObject()
        for (name, field) in app.connectionFields {
            fields[name] = [
                "type": .string(field.type.rawValue), "secret": .bool(field.secret), "required": .bool(field.required),
            ]
        }
        return [
            "id": .string(app.id), "name": .string(app.name), "version": .string(app.version),
            "built_in": .bool(builtIn), "connection_fields": .object(fields),
            "actions": .array(
                app.actions.values.map { ["name": .string($0.name), "method": .string($0.method.rawValue)] }),
            "created_at": .string(ISO8601.string(stored.createdAt)),
        ]
    }
}
