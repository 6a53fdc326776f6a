import Foundation
import Hummingbird
import WeftConnectors
import WeftJSON
import WeftRuntime
import WeftStore

/// Runs: started by hand on a flow version, listed with filters and pages, read with their step timeline and
/// log: `/v1/orgs/{org}/flows/{flow}/runs` and `/v1/orgs/{org}/runs/*`.
struct RunRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let execution: RunExecution
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/flows/:flow/runs",
            "Queue a run of a flow on an input (its latest version, or `version`) and wait for it up to `wait` "
                + "(default true); an `Idempotency-Key` header answers the same run for the same key",
            role: .builder, body: ["input", "version", "dry_run", "wait"], success: .created
        ) { request, context in try await start(request, context) }
        api.on(
            .post, "orgs/:org/runs/:run/cancel", "Cancel a queued run, or stop a running one at its next step",
            role: .builder
        ) { _, context in try await cancel(context) }
        api.on(
            .get, "orgs/:org/runs", "Runs, newest first (?flow, ?version, ?state, ?since, ?until, ?limit, ?after)",
            role: .viewer
        ) {
            request, context in try await list(request, context)
        }
        api.on(.get, "orgs/:org/runs/:run", "A run with its step timeline and log", role: .viewer) { _, context in
            try await show(context)
        }
    }

    func start(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let flow = try await tenant.flow(name: context.parameters.get("flow") ?? "")
        guard let flow else { throw APIError.notFound("the flow") }
        let body = try await JSONBody.read(
            request, configuration: configuration, allowed: ["input", "version", "dry_run", "wait"])
        var version = flow.latestVersion
        if let given = body.fields["version"] {
            guard case .number(let number) = given, number.rounded() == number,
                (1...flow.latestVersion).contains(Int(number))
            else {
                throw APIError(
                    .unprocessableContent, "invalid_field",
                    "`version` must be a version of the flow, 1 to \(flow.latestVersion)")
            }
            version = Int(number)
        }
        let dryRun = try body.bool("dry_run", default: false)
        let wait = try body.bool("wait", default: true)
        let key = try Self.idempotencyKey(request)
        guard flow.enabled else {
            throw APIError(.conflict, "flow_disabled", "the flow is disabled; enable it to run it")
        }
        let input = body.fields["input"] ?? [:]
        let prepared = try await execution.resources.flow(flow.id, version: version, tenant: tenant, fresh: true)
        let (message, event) =
            if case .webhook = prepared.flow.trigger {
                TriggerEvent.message(for: prepared.flow.trigger, payload: ["body": input])
            } else {
                TriggerEvent.message(for: .manual, payload: input)
            }
        let actor = context.identity!.actorID
        let accepted = try await execution.intake.submit(
            TriggerDelivery(message: message, event: event, key: key), flow: flow, version: version, trigger: "manual",
            tenant: tenant, dryRun: dryRun, startedBy: actor)
        var run = accepted.run
        if accepted.created {
            try await tenant.appendAudit(
                actor: actor, action: "flow.run", target: flow.name,
                details: ["run": .string(run.id.rawValue), "version": .number(Double(version))])
        } else if let earlier = try await tenant.runInput(id: run.id), earlier["message"] != message {
            throw APIError(
                .unprocessableContent, "idempotency_key_reused",
                "the Idempotency-Key was used for another input (run \(run.id)); use a new key for new work")
        }
        if wait, !(RunState(rawValue: run.state)?.isFinal ?? true) {
            let runID = run.id
            if let finished = await execution.waiters.wait(
                for: runID, timeout: configuration.runWait, current: { try? await tenant.run(id: runID) })
            {
                run = finished
            }
        }
        let finished = RunState(rawValue: run.state)?.isFinal ?? false
        let status: HTTPResponse.Status = !finished ? .accepted : accepted.created ? .created : .ok
        return JSONResponse.make(status, ["run": Self.summary(run, flow: flow.name), "record": run.record])
    }

    func cancel(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let runID = StoreID(context.parameters.get("run") ?? "")
        let run: StoredRun
        do {
            run = try await tenant.cancelRun(id: runID, at: Date())
        } catch {
            switch error.code {
            case .invalid: throw APIError(.conflict, "run_over", "the run is already over")
            case .notFound: throw APIError.notFound("the run")
            default: throw error
            }
        }
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "run.cancel", target: runID.rawValue, details: [:])
        let flow = try await tenant.flow(id: run.flowID)
        return JSONResponse.make(.ok, ["run": Self.summary(run, flow: flow?.name ?? "")])
    }

    /// The request's `Idempotency-Key` header: 1 to 255 visible ASCII characters.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value else {
            return nil
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw APIError(
                .badRequest, "invalid_idempotency_key",
                "the Idempotency-Key header must be 1 to 255 visible ASCII characters")
        }
        return key
    }

    func list(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let parameters = request.uri.queryParameters
        func text(_ name: String) -> String? { parameters[Substring(name)].map(String.init) }
        func date(_ name: String) throws -> Date? {
            guard let value = text(name) else { return nil }
            guard let date = ISO8601.date(value) else {
                throw APIError(
                    .badRequest, "invalid_query", "`\(name)` must be an ISO 8601 time such as 2026-01-02T03:04:05Z")
            }
            return date
        }
        var query = RunQuery(limit: try PageLimit.parse(text("limit")), after: text("after"))
        if let name = text("flow") {
            guard let flow = try await tenant.flow(name: name) else { throw APIError.notFound("the flow") }
            query.flowID = flow.id
        }
        if let version = text("version") {
            guard let number = Int(version) else {
                throw APIError(.badRequest, "invalid_query", "`version` must be a number")
            }
            query.flowVersion = number
        }
        if let state = text("state") {
            guard RunState(rawValue: state) != nil else {
                let states = RunState.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                throw APIError(.badRequest, "invalid_query", "`state` must be one of \(states)")
            }
            query.state = state
        }
        query.since = try date("since")
        query.until = try date("until")
        let page = try await tenant.runs(query)
        let names = try await Self.flowNames(of: page.runs, tenant: tenant)
        var answer: JSONObject = ["runs": .array(page.runs.map { Self.summary($0, flow: names[$0.flowID] ?? "") })]
        if let next = page.next { answer["next"] = .string(next) }
        return JSONResponse.make(.ok, .object(answer))
    }

    func show(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .viewer)
        let run = try await tenant.run(id: StoreID(context.parameters.get("run") ?? ""))
        guard let run else { throw APIError.notFound("the run") }
        let flow = try await tenant.flow(id: run.flowID)
        return JSONResponse.make(.ok, ["run": Self.summary(run, flow: flow?.name ?? ""), "record": run.record])
    }

    /// The names of the flows of `runs` only (an organization may have thousands of flows), by id.
    static func flowNames(of runs: [StoredRun], tenant: any TenantStore) async throws -> [StoreID: String] {
        var names: [StoreID: String] = [:]
        for id in Set(runs.map(\.flowID)) { names[id] = try await tenant.flow(id: id)?.name }
        return names
    }

    static func summary(_ run: StoredRun, flow: String) -> JSON {
        var summary: JSONObject = [
            "id": .string(run.id.rawValue), "flow": .string(flow), "version": .number(Double(run.flowVersion)),
            "state": .string(run.state), "trigger": .string(run.trigger),
            "created_at": .string(ISO8601.string(run.createdAt)),
        ]
        if let finished = run.finishedAt { summary["finished_at"] = .string(ISO8601.string(finished)) }
        if let failed = run.record["failed_step"] { summary["failed_step"] = failed }
        return .object(summary)
    }
}
