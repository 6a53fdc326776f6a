import Foundation
import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

/// Calls one app's actions through one connection.
///
/// A client holds what must be shared by every step and run that uses the connection: the OAuth 2.0 token
/// cache and the rate limit's token bucket. Keep one per app and connection (``AppClientPool`` does); calls may
/// run concurrently.
///
/// ```swift
/// let client = AppClient(app: shopify, connection: connection, transport: transport)
/// let orders = try await client.call(action: "list_orders", input: ["since": "2026-01-01"], context: context)
/// ```
///
/// A call checks the input against the action's `input` schema, builds the request from the action's templates
/// (`$` is the input, `$connection` the connection's fields), authenticates it, waits for the rate limit, sends
/// it (retrying as the action's or app's `retry` says), follows pages, selects the records and checks them
/// against the `output` schema. In a dry run, writes are described to the journal instead of being sent.
/// Failure messages and journal entries never contain the connection's secrets.
public final class AppClient: Sendable {
    /// The app.
    public let app: AppManifest
    /// The connection's values.
    public let connection: ConnectionValues
    let transport: any HTTPTransport
    let clock: any WeftClock
    let rateLimiter: RateLimiter?
    let oauth2 = OAuth2Session()
    let csrfSession = CSRFSession()
    /// Masks the connection's secrets and the rendered credentials.
    let baseRedactor: Redactor
    /// The authentication, rendered from the connection, or why it could not be.
    let authentication: Result<RenderedAuth, StepFailure>
    let validators: [String: ActionValidators]

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - app: the app manifest.
    ///   - connection: the connection's field values (secrets included; they stay in memory).
    ///   - transport: sends the requests, token requests included.
    ///   - clock: the time of token expiry, OAuth 1 timestamps, the rate limit and retry waits.
    public init(
        app: AppManifest, connection: ConnectionValues, transport: any HTTPTransport,
        clock: any WeftClock = SystemWallClock()
    ) {
        self.app = app
        let (completed, missing) = connection.completed(for: app)
        self.connection = completed
        self.transport = transport
        self.clock = clock
        rateLimiter = app.rateLimit.map { RateLimiter($0, clock: clock) }
        var secrets: [String] = []
        for (name, field) in app.connectionFields where field.secret {
            switch connection.fields[name] {
            case .string(let text)?: secrets.append(text)
            case let value? where value != .null: secrets.append(value.serialized())
            default: break
            }
        }
        var redactor = Redactor(secrets: secrets)
        let bindings: [String: JSON] = ["connection": completed.binding]
        let options = Self.evaluationOptions(clock)
        do throws(StepFailure) {
            guard missing.isEmpty else {
                let names = missing.map { "`\($0)`" }.joined(separator: ", ")
                throw StepFailure(
                    .configuration,
                    "the connection `\(connection.name)` lacks the required field\(missing.count == 1 ? "" : "s") \(names) "
                        + "of the app `\(app.id)`")
            }
            let rendered = try RenderedAuth.render(app.auth, bindings: bindings, options: options)
            redactor.add(rendered.secrets)
            authentication = .success(rendered)
        } catch {
            authentication = .failure(redactor.mask(error))
        }
        baseRedactor = redactor
        var validators: [String: ActionValidators] = [:]
        for (name, action) in app.actions { validators[name] = ActionValidators(action: action, app: app) }
        self.validators = validators
    }

    /// The bindings of the app's templates besides `$`.
    var bindings: [String: JSON] { ["connection": connection.binding] }

    /// Evaluation options whose `$now()` reads the client's clock.
    var options: EvaluationOptions { Self.evaluationOptions(clock) }

    static func evaluationOptions(_ clock: any WeftClock) -> EvaluationOptions {
        EvaluationOptions(clock: { clock.now().timeIntervalSince1970 * 1000 })
    }

    /// Everything to mask right now: the connection's secrets, rendered credentials and current OAuth tokens.
    func redactor() async -> Redactor {
        var redactor = baseRedactor
        redactor.add(await oauth2.secrets)
        redactor.add(await csrfSession.secrets)
        return redactor
    }

    // MARK: Actions

    /// Calls the action called `name` with `input`.
    ///
    /// - Returns: the action's output: the records of every page concatenated (an array) when the action has
    ///   `records` or `paginate`, otherwise the parsed response body; in a dry run of a write,
    ///   `{"dry_run": true, "method": ..., "url": ...}`.
    /// - Throws: `.configuration` for an unknown action, `.validation` when the input or output does not match
    ///   its schema, `.expression` when a template fails, `.httpStatus`, `.transport` or `.timeout` when the
    ///   request does (after the retries the policy allows).
    public func call(action name: String, input: JSON, context: EffectContext) async throws(StepFailure) -> JSON {
        guard let action = app.actions[name] else {
            throw StepFailure(.configuration, "the app `\(app.id)` has no action `\(name)`")
        }
        return try await call(action, input: input, context: context)
    }

    /// Calls `action` (one of the app's actions) with `input`.
    public func call(_ action: Action, input: JSON, context: EffectContext) async throws(StepFailure) -> JSON {
        let validators = validators[action.name] ?? ActionValidators(action: action, app: app)
        if let validator = validators.input {
            let violations = validator.validate(input)
            if !violations.isEmpty {
                throw baseRedactor.mask(Self.validationFailure("input", action: action.name, violations: violations))
            }
        }
        let request = try buildRequest(action, input: input, context: context)
        if context.dryRun && !request.method.isRead {
            return try await describeDryRun(request, context: context)
        }
        let output = try await fetchPages(action, first: request, context: context)
        if let validator = validators.output {
            var violations: [SchemaViolation] = []
            if case .array(let records) = output.value, output.isRecords {
                for (index, record) in records.enumerated() {
                    violations += validator.validate(record).map {
                        SchemaViolation(path: "/\(index)" + $0.path, message: $0.message)
                    }
                }
            } else {
                violations = validator.validate(output.value)
            }
            if !violations.isEmpty {
                throw await redactor().mask(
                    Self.validationFailure("output", action: action.name, violations: violations))
            }
        }
        return output.value
    }

    /// Records a write that a dry run does not send, and returns what the step outputs instead.
    private func describeDryRun(_ request: HTTPRequest, context: EffectContext) async throws(StepFailure) -> JSON {
        let authorized = try await authorize(request, context: context)
        let masked = await redactor().mask(authorized)
        context.journal.wouldSend(stepPath: context.stepPath, request: masked)
        return ["dry_run": true, "method": .string(masked.method.rawValue), "url": .string(masked.url)]
    }

    static func validationFailure(_ what: String, action: String, violations: [SchemaViolation]) -> StepFailure {
        let listed = violations.prefix(20).map { "\($0.path.isEmpty ? "/" : $0.path): \($0.message)" }
        var message = "the \(what) of `\(action)` does not match its schema: " + listed.joined(separator: "; ")
        if violations.count > listed.count { message += "; and \(violations.count - listed.count) more" }
        return StepFailure(.validation, message)
    }

    // MARK: Raw requests

    /// `request` with the app's authentication applied: a header, a query parameter, Basic or Bearer
    /// credentials, an OAuth 2.0 access token (fetched or refreshed as needed) or an OAuth 1.0a signature. For
    /// flow `http` steps that name a connection. In a dry run, a write gets a masked placeholder instead of an
    /// OAuth 2.0 token, so that no token request is sent for it.
    public func authorize(_ request: HTTPRequest, context: EffectContext) async throws(StepFailure) -> HTTPRequest {
        let placeholder = context.dryRun && !request.method.isRead
        return try await authorized(request, context: context, placeholderToken: placeholder).request
    }

    /// Sends a raw request with the app's authentication and rate limit, refreshing an OAuth 2.0 token once
    /// when the API answers 401. The response is returned whatever its status; neither retries nor the dry
    /// run apply here (the caller decides).
    public func send(_ request: HTTPRequest, context: EffectContext) async throws(StepFailure) -> HTTPResponse {
        do throws(StepFailure) {
            return try await sendAuthorized(request, context: context)
        } catch {
            throw await redactor().mask(error)
        }
    }

    /// `request` as it may be shown in a journal or UI: credentials masked.
    public func masked(_ request: HTTPRequest) async -> HTTPRequest {
        await redactor().mask(request)
    }

    /// `text` with the connection's secrets masked.
    public func masked(_ text: String) async -> String {
        await redactor().mask(text)
    }
}

/// The compiled schemas of an action.
struct ActionValidators: Sendable {
    var input: JSONSchemaValidator?
    var output: JSONSchemaValidator?

    init(action: Action, app: AppManifest) {
        let definitions: JSON? = app.schemas.isEmpty ? nil : .object(app.schemas)
        input = action.input.map { JSONSchemaValidator(schema: $0, definitions: definitions) }
        output = action.output.map { JSONSchemaValidator(schema: $0, definitions: definitions) }
    }
}
