import Foundation
import Hummingbird
import WeftJSON
import WeftRuntime
import WeftStore

/// Runs that did not make it: dead letters listed with why, replayed one or many (from the failed step or the
/// start, on the pinned or the latest flow version, with a corrected input), or discarded.
/// `/v1/orgs/{org}/dead-letters` and `/v1/orgs/{org}/runs/{run}/replay|discard`.
struct DeadLetterRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let execution: RunExecution
    var access: Access { Access(store: store) }
    static let replayFields: Set<String> = ["from", "version", "input"]

    func add(to api: APIGroup) {
        api.on(
            .get, "orgs/:org/dead-letters", "Dead-lettered runs with the step and reason (?flow, ?limit, ?after)",
            role: .viewer
        ) { request, context in try await list(request, context) }
        api.on(
            .post, "orgs/:org/runs/:run/replay",
            "Replay a failed, dead-lettered or cancelled run (`from`: failed_step|start, `version`: pinned|latest|n, "
                + "`input`: a corrected message)",
            role: .builder, body: ["from", "version", "input"], success: .accepted
        ) { request, context in try await replayOne(request, context) }
        api.on(
            .post, "orgs/:org/dead-letters/replay",
            "Replay many dead letters (`runs`: ids, or `flow`: every dead letter of a flow) with `from` and `version`",
            role: .builder, body: ["runs", "flow", "from", "version"], success: .accepted
        ) { request, context in try await replayMany(request, context) }
        api.on(.post, "orgs/:org/runs/:run/discard", "Set a failed or dead-lettered run aside for good", role: .builder)
        { _, context in try await discard(context) }
    }

    func list(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let parameters = request.uri.queryParameters
        var query = RunQuery(
            state: RunState.deadLetter.rawValue, limit: try PageLimit.parse(parameters["limit"].map(String.init)),
            after: parameters["after"].map(String.init))
        if let name = parameters["flow"].map(String.init) {
            guard let flow = try await tenant.flow(name: name) else { throw APIError.notFound("the flow") }
            query.flowID = flow.id
        }
        let page = try await tenant.runs(query)
        let names = try await RunRoutes.flowNames(of: page.runs, tenant: tenant)
        let letters: [JSON] = page.runs.map { run in
            var summary = RunRoutes.summary(run, flow: names[run.flowID] ?? "")
            if case .object(var fields) = summary {
                if let error = run.record["error"] { fields["error"] = error }
                summary = .object(fields)
            }
            return summary
        }
        var answer: JSONObject = ["dead_letters": .array(letters)]
        if let next = page.next { answer["next"] = .string(next) }
        return JSONResponse.make(.ok, .object(answer))
    }

    func replayOne(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: Self.replayFields)
        let runID = StoreID(context.parameters.get("run") ?? "")
        guard let run = try await tenant.run(id: runID) else { throw APIError.notFound("the run") }
        var replay = try await Self.replay(body, flowID: run.flowID, tenant: tenant)
        replay.message = body.fields["input"]
        let replayed = try await self.replay(runID, replay, tenant: tenant, context: context)
        let flow = try await tenant.flow(id: replayed.flowID)
        return JSONResponse.make(.accepted, ["run": RunRoutes.summary(replayed, flow: flow?.name ?? "")])
    }

    func replayMany(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let body = try await JSONBody.read(
            request, configuration: configuration, allowed: ["runs", "flow", "from", "version"])
        var ids: [StoreID] = []
        var flowID: StoreID?
        switch (body.fields["runs"], try body.string("flow", required: false)) {
        case (.array(let items)?, nil):
            for item in items {
                guard case .string(let id) = item else {
                    throw APIError(.unprocessableContent, "wrong_type", "`runs` must be a list of run ids")
                }
                ids.append(StoreID(id))
            }
            guard (1...500).contains(ids.count) else {
                throw APIError(.unprocessableContent, "invalid_field", "`runs` must list 1 to 500 runs")
            }
        case (nil, let name?):
            guard let flow = try await tenant.flow(name: name) else { throw APIError.notFound("the flow") }
            flowID = flow.id
            var after: String?
            repeat {
                let page = try await tenant.runs(
                    RunQuery(flowID: flow.id, state: RunState.deadLetter.rawValue, limit: 500, after: after))
                ids += page.runs.map(\.id)
                after = page.next
            } while after != nil && ids.count < 10_000
        default:
            throw APIError(
                .unprocessableContent, "invalid_field", "give either `runs` (a list of run ids) or `flow` (a flow name)"
            )
        }
        var replayed: [JSON] = []
        var refused: [JSON] = []
        for id in ids {
            do {
                guard let run = try await tenant.run(id: id) else { throw APIError.notFound("the run") }
                let replay = try await Self.replay(body, flowID: flowID ?? run.flowID, tenant: tenant)
                _ = try await self.replay(id, replay, tenant: tenant, context: context)
                replayed.append(.string(id.rawValue))
            } catch let error as APIError {
                refused.append(["run": .string(id.rawValue), "error": error.json["error"] ?? .null])
            }
        }
        return JSONResponse.make(.accepted, ["replayed": .array(replayed), "refused": .array(refused)])
    }

    func discard(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let runID = StoreID(context.parameters.get("run") ?? "")
        let actor = context.identity!.actorID
        let run: StoredRun
        do {
            run = try await tenant.discardRun(id: runID, by: actor, at: Date())
        } catch {
            switch error.code {
            case .invalid: throw APIError(.conflict, "not_failed", error.message)
            case .notFound: throw APIError.notFound("the run")
            default: throw error
            }
        }
        try await tenant.appendAudit(actor: actor, action: "run.discard", target: runID.rawValue, details: [:])
        let flow = try await tenant.flow(id: run.flowID)
        return JSONResponse.make(.ok, ["run": RunRoutes.summary(run, flow: flow?.name ?? "")])
    }

    /// Replays one run through the store, audits it and wakes the worker.
    private func replay(
        _ runID: StoreID, _ replay: RunReplay, tenant: any TenantStore, context: WeftRequestContext
    ) async throws -> StoredRun {
        let run: StoredRun
        do {
            run = try await tenant.replayRun(id: runID, replay, at: Date())
        } catch {
            switch error.code {
            case .invalid: throw APIError(.conflict, "not_replayable", error.message)
            case .notFound: throw APIError.notFound(error.message.hasPrefix("version") ? error.message : "the run")
            default: throw error
            }
        }
        execution.intake.requeued()
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "run.replay", target: runID.rawValue,
            details: [
                "from": .string(replay.fromStart ? "start" : "failed_step"),
                "version": .number(Double(run.flowVersion)), "edited": .bool(replay.message != nil),
            ])
        return run
    }

    /// The replay `body` asks for: `from` (`failed_step`, the default, or `start`) and `version` (`pinned`, the
    /// default, `latest`, or a version number).
    static func replay(_ body: JSONBody, flowID: StoreID, tenant: any TenantStore) async throws -> RunReplay {
        let fromStart: Bool
        switch body.fields["from"] {
        case nil, .null?, .string("failed_step")?: fromStart = false
        case .string("start")?: fromStart = true
        default:
            throw APIError(.unprocessableContent, "invalid_field", "`from` must be `failed_step` or `start`")
        }
        var version: Int?
        switch body.fields["version"] {
        case nil, .null?, .string("pinned")?: version = nil
        case .string("latest")?:
            guard let flow = try await tenant.flow(id: flowID) else { throw APIError.notFound("the flow") }
            version = flow.latestVersion
        case .number(let number)? where number.rounded() == number && number >= 1:
            version = Int(number)
        default:
            throw APIError(
                .unprocessableContent, "invalid_field", "`version` must be `pinned`, `latest` or a version number")
        }
        return RunReplay(fromStart: fromStart, flowVersion: version)
    }
}
