import Foundation
import Hummingbird
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// Flows and their versions: `/v1/orgs/{org}/flows/*`. Each save is a new immutable version; a flow is named by
/// its `flow:` id.
struct FlowRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/flows", "Create a flow from its YAML (version 1)", role: .builder, body: ["source"],
            success: .created
        ) {
            request, context in try await create(request, context)
        }
        api.on(.get, "orgs/:org/flows", "The flows by name, a page at a time (?limit, ?after)", role: .viewer) {
            request, context in try await list(request, context)
        }
        api.on(
            .post, "orgs/:org/flows/validate", "Check a flow's YAML without saving it", role: .viewer, body: ["source"]
        ) {
            request, context in try await validate(request, context)
        }
        api.on(.get, "orgs/:org/flows/:flow", "A flow and its latest source", role: .viewer) { _, context in
            try await show(context)
        }
        api.on(.put, "orgs/:org/flows/:flow", "Save a new version of a flow", role: .builder, body: ["source"]) {
            request, context in try await update(request, context)
        }
        api.on(
            .delete, "orgs/:org/flows/:flow", "Delete a flow with its versions and runs", role: .builder,
            success: .noContent
        ) {
            _, context in try await delete(context)
        }
        api.on(.get, "orgs/:org/flows/:flow/versions", "A flow's versions", role: .viewer) { _, context in
            try await versions(context)
        }
        api.on(.get, "orgs/:org/flows/:flow/versions/:version", "One version's source", role: .viewer) {
            _, context in try await version(context)
        }
        api.on(.get, "orgs/:org/flows/:flow/diff", "A unified diff between two versions (?from, ?to)", role: .viewer) {
            request, context in try await diff(request, context)
        }
        api.on(.post, "orgs/:org/flows/:flow/enable", "Enable a flow", role: .builder) { _, context in
            try await setEnabled(true, context)
        }
        api.on(.post, "orgs/:org/flows/:flow/disable", "Disable a flow", role: .builder) { _, context in
            try await setEnabled(false, context)
        }
    }

    private func storedFlow(_ tenant: any TenantStore, _ context: WeftRequestContext) async throws -> StoredFlow {
        // Two statements: a `guard` with an awaited typed-throws call after another clause crashes Swift 6.3.1's
        // optimizer (coroutine splitting); see docs/decisions.md.
        let flow = try await tenant.flow(name: context.parameters.get("flow") ?? "")
        guard let flow else { throw APIError.notFound("the flow") }
        return flow
    }

    /// The apps flows of this tenant may use, by id (the newest version of each); a flow saved now pins these.
    private func apps(_ tenant: any TenantStore) async throws -> [String: AppManifest] {
        try await TenantApps(tenant: tenant).latest()
    }

    private func source(_ request: Request) async throws -> String {
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["source"])
        return try body.string("source", maximumLength: configuration.maximumBodySize)!
    }

    func create(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let apps = try await apps(tenant)
        let checked = FlowSource(try await source(request), name: "flow.yaml", apps: apps)
        let flow = try checked.validFlow()
        let stored: StoredFlow
        do throws(StoreError) {
            stored = try await tenant.createFlow(
                name: flow.id, source: checked.text, appVersions: TenantApps.pins(for: flow, among: apps),
                createdBy: context.identity!.actorID)
        } catch {
            if error.code == .conflict {
                throw APIError(
                    .conflict, "flow_exists", "a flow named `\(flow.id)` exists; save a new version with PUT instead")
            }
            throw error
        }
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "flow.created", target: flow.id, details: ["version": 1])
        return JSONResponse.make(.created, ["flow": stored.json, "diagnostics": checked.diagnosticsJSON])
    }

    /// A page of flows by name; `next` (when there are more) is the `after` of the next page.
    func list(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let query = request.uri.queryParameters
        let limit = try PageLimit.parse(query["limit"].map(String.init), standard: 100)
        let flows = try await tenant.flows(after: query["after"].map(String.init), limit: limit + 1)
        var answer: JSONObject = ["flows": .array(flows.prefix(limit).map(\.json))]
        if flows.count > limit, let last = flows.prefix(limit).last { answer["next"] = .string(last.name) }
        return JSONResponse.make(.ok, .object(answer))
    }

    func validate(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let checked = FlowSource(try await source(request), name: "flow.yaml", apps: try await apps(tenant))
        return JSONResponse.make(
            .ok, ["valid": .bool(!checked.diagnostics.hasErrors), "diagnostics": checked.diagnosticsJSON])
    }

    func show(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let flow = try await storedFlow(tenant, context)
        let latest = try await tenant.flowVersion(flowID: flow.id, version: flow.latestVersion)
        return JSONResponse.make(.ok, ["flow": flow.json, "source": .string(latest?.source ?? "")])
    }

    func update(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let existing = try await storedFlow(tenant, context)
        let apps = try await apps(tenant)
        let checked = FlowSource(try await source(request), name: "flow.yaml", apps: apps)
        let flow = try checked.validFlow()
        guard flow.id == existing.name else {
            throw APIError(
                .unprocessableContent, "flow_renamed",
                "the source says `flow: \(flow.id)` but this is `\(existing.name)`; create a new flow to rename it")
        }
        let stored = try await tenant.addFlowVersion(
            flowID: existing.id, source: checked.text, appVersions: TenantApps.pins(for: flow, among: apps),
            createdBy: context.identity!.actorID)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "flow.updated", target: existing.name,
            details: ["version": .number(Double(stored.latestVersion))])
        return JSONResponse.make(.ok, ["flow": stored.json, "diagnostics": checked.diagnosticsJSON])
    }

    func delete(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let flow = try await storedFlow(tenant, context)
        try await tenant.deleteFlow(id: flow.id)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "flow.deleted", target: flow.name, details: [:])
        return Response(status: .noContent)
    }

    func versions(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let flow = try await storedFlow(tenant, context)
        let list = try await tenant.flowVersions(flowID: flow.id).map { version -> JSON in
            [
                "version": .number(Double(version.version)), "created_by": .string(version.createdBy.rawValue),
                "created_at": .string(ISO8601.string(version.createdAt)),
            ]
        }
        return JSONResponse.make(.ok, ["versions": .array(list)])
    }

    private func versionNumber(_ text: String?, of flow: StoredFlow, _ name: String) throws -> Int {
        guard let text, let number = Int(text), (1...flow.latestVersion).contains(number) else {
            throw APIError(
                .notFound, "not_found", "`\(name)` must be a version of the flow, from 1 to \(flow.latestVersion)")
        }
        return number
    }

    func version(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let flow = try await storedFlow(tenant, context)
        let number = try versionNumber(context.parameters.get("version"), of: flow, "version")
        guard let version = try await tenant.flowVersion(flowID: flow.id, version: number) else {
            throw APIError.notFound("the version")
        }
        return JSONResponse.make(
            .ok,
            [
                "version": .number(Double(version.version)), "source": .string(version.source),
                "app_versions": .object(
                    JSONObject(
                        uniqueKeysWithValues: version.appVersions.sorted { $0.key < $1.key }.map {
                            ($0.key, .string($0.value))
                        })),
                "created_by": .string(version.createdBy.rawValue),
                "created_at": .string(ISO8601.string(version.createdAt)),
            ])
    }

    func diff(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let flow = try await storedFlow(tenant, context)
        let query = request.uri.queryParameters
        let from = try versionNumber(query["from"].map(String.init), of: flow, "from")
        let to = try versionNumber(query["to"].map(String.init) ?? String(flow.latestVersion), of: flow, "to")
        let old = try await tenant.flowVersion(flowID: flow.id, version: from)
        let new = try await tenant.flowVersion(flowID: flow.id, version: to)
        guard let old, let new else { throw APIError.notFound("the version") }
        return JSONResponse.make(
            .ok,
            [
                "from": .number(Double(from)), "to": .number(Double(to)),
                "diff": .string(LineDiff.unified(from: old.source, to: new.source)),
            ])
    }

    func setEnabled(_ enabled: Bool, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let flow = try await storedFlow(tenant, context)
        let stored = try await tenant.setFlowEnabled(flowID: flow.id, enabled: enabled)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: enabled ? "flow.enabled" : "flow.disabled", target: flow.name,
            details: [:])
        return JSONResponse.make(.ok, ["flow": stored.json])
    }
}
