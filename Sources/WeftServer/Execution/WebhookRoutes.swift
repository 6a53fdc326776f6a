import Foundation
import Hummingbird
import JSONata
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// Webhooks on the server: `POST /hooks/{token}` (or PUT), where the token is the flow's unguessable address.
/// The signature is checked (a configured scheme with a missing secret fails closed), the provider's delivery id
/// de-duplicates, and the answer — `202` with the run id, or in `sync` mode the flow's output — comes only once
/// the run is committed. A full queue answers `503` with `Retry-After`.
struct WebhookRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let sealer: SecretSealer
    let execution: RunExecution
    /// The longest a `sync` webhook waits for its run before answering `202` with the run id.
    static let syncTimeout: Duration = .seconds(30)

    func add(to root: APIGroup) {
        for method in [HTTPRequest.Method.post, .put] {
            root.on(
                method, "hooks/:token", "Deliver a webhook to the flow with this address (no authentication)",
                role: nil, authenticated: false, success: .accepted
            ) { request, context in
                await receive(request, token: context.parameters.get("token") ?? "")
            }
        }
    }

    /// The authenticated side: a flow's webhook address, shown and replaced.
    func addAddressRoutes(to api: APIGroup) {
        api.on(
            .get, "orgs/:org/flows/:flow/webhook", "The flow's webhook address (created on first read)", role: .builder
        ) { _, context in
            try await address(context, rotate: false)
        }
        api.on(
            .post, "orgs/:org/flows/:flow/webhook/rotate", "Replace the flow's webhook address (the old one stops)",
            role: .admin
        ) { _, context in
            try await address(context, rotate: true)
        }
    }

    private func address(_ context: WeftRequestContext, rotate: Bool) async throws -> Response {
        let tenant = try await Access(store: store).tenantStore(context, role: rotate ? .admin : .builder)
        guard let flow = try await tenant.flow(name: context.parameters.get("flow") ?? "") else {
            throw APIError.notFound("the flow")
        }
        let token: String
        if rotate {
            token = Credentials.newWebhookToken()
            try await tenant.setWebhookToken(flowID: flow.id, token: token)
            execution.resources.forgetWebhooks(of: flow.id)
            try await tenant.appendAudit(
                actor: context.identity!.actorID, action: "flow.webhook.rotate", target: flow.name, details: [:])
        } else {
            token = try await tenant.webhookToken(flowID: flow.id, creating: Credentials.newWebhookToken())
        }
        let base = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
        return JSONResponse.make(
            .ok, ["flow": .string(flow.name), "url": .string("\(base)/hooks/\(token)"), "token": .string(token)])
    }

    func receive(_ request: Request, token: String) async -> Response {
        let started = ContinuousClock.now
        let response = await answer(request, token: token)
        execution.metrics.observe(
            Metrics.Weft.webhookDurationSeconds, ["status": String(response.status.code)],
            DurationText.seconds(ContinuousClock.now - started))
        return response
    }

    private func answer(_ request: Request, token: String) async -> Response {
        do {
            return try await accept(request, token: token)
        } catch let error as APIError {
            execution.metrics.increment(Metrics.Weft.webhookRejectionsTotal, ["reason": error.code])
            var response = JSONResponse.make(error.status, error.json)
            if error.status == .serviceUnavailable || error.status == .tooManyRequests {
                response.headers[.retryAfter] = "1"
            }
            return response
        } catch {
            execution.metrics.increment(Metrics.Weft.webhookRejectionsTotal, ["reason": "unavailable"])
            var response = JSONResponse.make(
                .serviceUnavailable, APIError(.serviceUnavailable, "unavailable", "the run could not be stored").json)
            response.headers[.retryAfter] = "1"
            return response
        }
    }

    private func accept(_ request: Request, token: String) async throws -> Response {
        guard execution.intake.accepting else {
            throw APIError(.serviceUnavailable, "queue_full", "too much work is waiting; try again shortly")
        }
        guard token.count >= 16, let flow = try await execution.resources.webhookFlow(token: token, store: store)
        else {
            throw APIError.notFound("the webhook")
        }
        let tenant = store.tenant(flow.tenantID)
        guard flow.enabled else { throw APIError(.conflict, "flow_disabled", "the flow is disabled") }
        let prepared = try await execution.resources.flow(flow.id, version: flow.latestVersion, tenant: tenant)
        guard case .webhook(let trigger) = prepared.flow.trigger else {
            throw APIError(.conflict, "not_a_webhook", "the flow's trigger is no longer a webhook")
        }
        guard trigger.method.rawValue == request.method.rawValue else {
            throw APIError(.methodNotAllowed, "method_not_allowed", "this webhook takes \(trigger.method.rawValue)")
        }
        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: configuration.maximumWebhookBodySize).readableBytesView)
        } catch {
            throw APIError(
                .contentTooLarge, "body_too_large",
                "the body is larger than \(configuration.maximumWebhookBodySize) bytes")
        }
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        if let verify = trigger.verify {
            let secret = try await secret(named: verify.secret, flow: prepared.flow, tenant: tenant)
            do throws(WebhookRejection) {
                try WebhookVerifier(verification: verify, secret: secret).verify(
                    headers: headers, body: body, now: Date())
            } catch {
                throw APIError(.unauthorized, "signature_invalid", "the signature was not verified: \(error)")
            }
        }
        let message: JSON
        do throws(WebhookBodyError) {
            message = try WebhookBody.decode(body, contentType: request.headers[.contentType])
        } catch {
            throw APIError(.badRequest, "invalid_body", error.message)
        }
        // The token stays out of the run's `$trigger.path`: records are shown to every member.
        let (runMessage, event, deliveryID) = Self.delivery(
            of: trigger, request: request, body: message, headers: headers, path: "/hooks/…")
        let accepted = try await execution.intake.submit(
            TriggerDelivery(message: runMessage, event: event, key: deliveryID), flow: flow,
            version: flow.latestVersion, trigger: "webhook", tenant: tenant)
        let runID = accepted.run.id
        if !accepted.created {
            return JSONResponse.make(.ok, ["run_id": .string(runID.rawValue), "duplicate": true])
        }
        guard trigger.response == .sync else {
            return JSONResponse.make(.accepted, ["run_id": .string(runID.rawValue)])
        }
        let finished = await execution.waiters.wait(for: runID, timeout: Self.syncTimeout) {
            try? await tenant.run(id: runID)
        }
        guard let finished else {
            return JSONResponse.make(.accepted, ["run_id": .string(runID.rawValue), "state": "running"])
        }
        switch finished.state {
        case "succeeded":
            return JSONResponse.make(.ok, finished.record["output"] ?? .null)
        case "filtered":
            return JSONResponse.make(.ok, ["run_id": .string(runID.rawValue), "state": "filtered"])
        default:
            let step = finished.record["failed_step"]?.stringValue ?? "?"
            let why = finished.record["error"]?.stringValue ?? ""
            var error = APIError(.internalServerError, "run_failed", "the run failed at `\(step)`: \(why)").json
            if case .object(var fields) = error {
                fields["run_id"] = JSON.string(runID.rawValue)
                error = .object(fields)
            }
            return JSONResponse.make(.internalServerError, error)
        }
    }

    /// The verification secret `name`: a connection's field, written `connection.field` (or a connection's
    /// `secret` field when no field is named). Fails closed: a missing secret refuses the delivery.
    private func secret(named name: String, flow: Flow, tenant: any TenantStore) async throws -> SecretString {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let connectionName = parts.first ?? name
        let field = parts.count > 1 ? parts[1] : "secret"
        func value(fresh: Bool) async throws -> String? {
            let connections = try await execution.resources.connections(for: flow, tenant: tenant, fresh: fresh)
            guard case .string(let value)? = connections.values[connectionName]?.fields[field], !value.isEmpty else {
                return nil
            }
            return value
        }
        // A secret just configured may not be in the kept connections yet: look again before refusing.
        let found: String?
        if let kept = try await value(fresh: false) { found = kept } else { found = try await value(fresh: true) }
        guard let value = found else {
            throw APIError(
                .unauthorized, "secret_missing",
                "the webhook is verified with `\(name)`, which is not configured (the connection `\(connectionName)` "
                    + "needs a `\(field)` field); deliveries are refused until it is")
        }
        return SecretString(value)
    }

    /// What a webhook request becomes, on the server and under `weft run --serve` alike: the run's message and
    /// `$trigger` event (with `path`), and the provider's delivery id when the trigger names one.
    static func delivery(
        of trigger: WebhookTrigger, request: Request, body: JSON, headers: [(name: String, value: String)],
        path: String
    ) -> (message: JSON, event: JSON, deliveryID: String?) {
        let query = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let payload = payload(body: body, headers: headers, query: query)
        var deliveryID: String?
        if let expression = trigger.deliveryId,
            case .string(let id)? = try? expression.evaluate(payload, bindings: [:], options: EvaluationOptions())
        {
            deliveryID = id
        }
        var (message, event) = TriggerEvent.message(for: .webhook(trigger), payload: payload)
        if case .object(var fields) = event {
            fields["path"] = .string(path)
            event = .object(fields)
        }
        return (message, event, deliveryID)
    }

    /// The request as the flow sees it: `{ body, headers, query }`.
    private static func payload(
        body: JSON, headers: [(name: String, value: String)], query: [(name: String, value: String)]
    ) -> JSON {
        var headerObject = JSONObject()
        for (name, value) in headers {
            if let existing = headerObject[name]?.stringValue {
                headerObject[name] = .string(existing + ", " + value)
            } else {
                headerObject[name] = .string(value)
            }
        }
        var queryObject = JSONObject()
        for (name, value) in query { queryObject[name] = .string(value) }
        return ["body": body, "headers": .object(headerObject), "query": .object(queryObject)]
    }
}
