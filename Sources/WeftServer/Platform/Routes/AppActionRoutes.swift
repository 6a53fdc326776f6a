import Foundation
import Hummingbird
import WeftConnectors
import WeftJSON
import WeftModel
import WeftStore

/// One app's actions as a sub-resource: `/v1/orgs/{org}/apps/{app}/actions/*`. Adding, editing or deleting one
/// action stores the app's next version (versions never change), so flows that pinned the previous one keep it.
/// Editing a built-in app stores the organization's own version of it.
struct AppActionRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let sealer: SecretSealer
    let outbound: any HTTPTransport
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(.get, "orgs/:org/apps/:app/actions", "An app's actions (?version)", role: .viewer) { request, context in
            try await list(request, context)
        }
        api.on(.get, "orgs/:org/apps/:app/actions/:action", "One action's definition (?version)", role: .viewer) {
            request, context in try await show(request, context)
        }
        api.on(
            .put, "orgs/:org/apps/:app/actions/:action",
            "Add or replace one action; stores the app's next version (or `version`)", role: .builder,
            body: ["definition", "version"]
        ) { request, context in try await save(request, context) }
        api.on(
            .delete, "orgs/:org/apps/:app/actions/:action",
            "Delete one action; stores the app's next version (?version)", role: .builder
        ) { request, context in try await delete(request, context) }
        api.on(
            .post, "orgs/:org/apps/:app/actions/:action/test",
            "Call one action with an input and a connection: requests, responses, timing, schema checks",
            role: .builder, body: ["input", "connection", "version"]
        ) { request, context in try await test(request, context) }
    }

    private func appVersion(_ request: Request, _ context: WeftRequestContext, tenant: any TenantStore)
        async throws -> TenantApps.Version
    {
        let version = request.uri.queryParameters["version"].map(String.init)
        return try await TenantApps(tenant: tenant).app(context.parameters.get("app") ?? "", version: version)
    }

    func list(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let app = try await appVersion(request, context, tenant: tenant)
        let actions = app.manifest.actions.values.map { action -> JSON in
            [
                "name": .string(action.name), "method": .string(action.method.rawValue),
                "description": action.description.map(JSON.string) ?? .null,
            ]
        }
        return JSONResponse.make(.ok, ["version": .string(app.manifest.version), "actions": .array(actions)])
    }

    func show(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let app = try await appVersion(request, context, tenant: tenant)
        let name = context.parameters.get("action") ?? ""
        let edit = try ManifestEdit(source: app.stored.source, version: app.manifest.version)
        guard app.manifest.actions[name] != nil, let definition = edit.action(name) else {
            throw APIError.notFound("the action `\(name)`")
        }
        return JSONResponse.make(
            .ok, ["name": .string(name), "version": .string(app.manifest.version), "definition": definition])
    }

    func save(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["definition", "version"])
        guard case .object? = body.fields["definition"] else {
            throw APIError(
                .badRequest, "invalid_field", "`definition` must be an object: the action as in the manifest")
        }
        let name = try actionName(context)
        let current = try await TenantApps(tenant: tenant).app(context.parameters.get("app") ?? "")
        var edit = try ManifestEdit(source: current.stored.source, version: current.manifest.version)
        let existed = current.manifest.actions[name] != nil
        edit.setAction(name, to: body.fields["definition"]!)
        let saved = try await store(
            edit, version: try body.string("version", required: false, maximumLength: 100), tenant: tenant,
            context: context, audit: existed ? "app.action_updated" : "app.action_added", action: name)
        return JSONResponse.make(
            existed ? .ok : .created, ["app": AppRoutes.summary(saved.stored, saved.manifest, builtIn: false)])
    }

    func delete(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let name = try actionName(context)
        let current = try await TenantApps(tenant: tenant).app(context.parameters.get("app") ?? "")
        guard current.manifest.actions[name] != nil else { throw APIError.notFound("the action `\(name)`") }
        var edit = try ManifestEdit(source: current.stored.source, version: current.manifest.version)
        edit.removeAction(name)
        let saved = try await store(
            edit, version: request.uri.queryParameters["version"].map(String.init), tenant: tenant, context: context,
            audit: "app.action_deleted", action: name)
        return JSONResponse.make(.ok, ["app": AppRoutes.summary(saved.stored, saved.manifest, builtIn: false)])
    }

    private func actionName(_ context: WeftRequestContext) throws -> String {
        let name = context.parameters.get("action") ?? ""
        guard Identifier.isValid(name) else {
            throw APIError(
                .badRequest, "invalid_field",
                "`\(name.prefix(100))` is not an action name: use letters, digits and `_`, starting with a letter")
        }
        return name
    }

    private func store(
        _ edit: ManifestEdit, version: String?, tenant: any TenantStore, context: WeftRequestContext, audit: String,
        action: String
    ) async throws -> (stored: StoredApp, manifest: AppManifest) {
        let (source, manifest) = try edit.finish(version: version)
        let stored = try await TenantApps(tenant: tenant).save(
            manifest, source: source, by: context.identity!.actorID)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: audit, target: "\(manifest.id)/\(action)",
            details: ["version": .string(manifest.version), "previous_version": .string(edit.previousVersion)])
        return (stored, manifest)
    }

    /// Calls one action for real (behind the egress guard) and answers what happened, secrets masked.
    func test(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(
            request, configuration: configuration, allowed: ["input", "connection", "version"])
        let app = try await TenantApps(tenant: tenant).app(
            context.parameters.get("app") ?? "",
            version: try body.string("version", required: false, maximumLength: 100)
        ).manifest
        let actionName = context.parameters.get("action") ?? ""
        guard app.actions[actionName] != nil else { throw APIError.notFound("the action `\(actionName)`") }
        var values = ConnectionValues(name: "test", app: app.id, fields: [:])
        if let name = try body.string("connection", required: false, maximumLength: 100) {
            values = try await ConnectionSecrets.values(of: name, for: app, tenant: tenant, sealer: sealer)
        }
        let trial = await ActionTrial.run(
            app: app, action: actionName, connection: values, input: body.fields["input"] ?? [:], transport: outbound)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "action.tested", target: "\(app.id)/\(actionName)",
            details: ["succeeded": .bool(trial.succeeded)])
        return JSONResponse.make(.ok, trial.json)
    }
}
