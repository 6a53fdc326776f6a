import Foundation
import WeftModel
import WeftRuntime

extension AppClient {
    /// `request` with the authentication applied, and the OAuth 2.0 token used, if any.
    func authorized(_ request: HTTPRequest, context: EffectContext, placeholderToken: Bool = false)
        async throws(StepFailure) -> (request: HTTPRequest, token: OAuth2Token?)
    {
        let auth: RenderedAuth
        switch authentication {
        case .success(let rendered): auth = rendered
        case .failure(let failure): throw failure
        }
        var result = request
        switch auth {
        case .none:
            return (result, nil)
        case .header(let name, let value):
            Self.setHeader(name, value, in: &result)
            return (result, nil)
        case .query(let name, let value):
            result.url = RequestURL.setting(name, to: value, in: result.url)
            return (result, nil)
        case .authorization(let value, _):
            Self.setHeader("Authorization", value, in: &result)
            return (result, nil)
        case .oauth2ClientCredentials, .oauth2RefreshToken:
            if placeholderToken {
                Self.setHeader("Authorization", "Bearer \(Redactor.mask)", in: &result)
                return (result, nil)
            }
            let token = try await oauth2.token(
                now: { [clock] in Int64(clock.now().timeIntervalSince1970) },
                fetch: { (refreshToken) async throws(StepFailure) -> OAuth2Token in
                    try await self.fetchToken(auth, refreshToken: refreshToken, context: context)
                })
            Self.setHeader("Authorization", token.authorizationHeaderValue, in: &result)
            return (result, token)
        case .oauth1(let signer):
            let header: String
            do throws(AuthError) {
                header = try signer.authorizationHeader(
                    method: result.method.rawValue, url: result.url, nonce: OAuth1Signer.makeNonce(),
                    timestamp: Int64(clock.now().timeIntervalSince1970))
            } catch {
                throw StepFailure(.configuration, "cannot sign the request: \(error.message)")
            }
            Self.setHeader("Authorization", header, in: &result)
            return (result, nil)
        }
    }

    /// Fetches an access token from the token endpoint through the transport.
    private func fetchToken(_ auth: RenderedAuth, refreshToken: SecretString?, context: EffectContext)
        async throws(StepFailure) -> OAuth2Token
    {
        let tokenRequest: OAuth2TokenRequest
        var grant: RenderedAuth = auth
        do throws(AuthError) {
            switch auth {
            case .oauth2ClientCredentials(let credentials):
                tokenRequest = try credentials.tokenRequest()
            case .oauth2RefreshToken(var refresh):
                if let refreshToken, !refreshToken.isEmpty { refresh.refreshToken = refreshToken }
                guard !refresh.refreshToken.isEmpty else {
                    throw AuthError(code: .invalidTokenResponse, message: "the connection has no refresh token")
                }
                grant = .oauth2RefreshToken(refresh)
                tokenRequest = try refresh.tokenRequest()
            default:
                throw AuthError(code: .invalidURL, message: "the app does not use OAuth 2.0")
            }
        } catch {
            throw StepFailure(.configuration, "cannot request an access token: \(error.message)")
        }
        let request = HTTPRequest(
            method: HTTPMethod(rawValue: tokenRequest.method) ?? .POST, url: tokenRequest.url,
            headers: tokenRequest.headers, body: tokenRequest.body)
        let response: HTTPResponse
        do throws(StepFailure) {
            response = try await transport.perform(request, timeout: context.requestTimeout(now: clock.now()))
        } catch {
            var failure = error
            failure.message = "the token request failed: \(error.message)"
            throw failure
        }
        let now = Int64(clock.now().timeIntervalSince1970)
        do throws(AuthError) {
            switch grant {
            case .oauth2ClientCredentials(let credentials):
                return try credentials.parseTokenResponse(status: response.status, body: response.body, now: now)
            case .oauth2RefreshToken(let refresh):
                return try refresh.parseTokenResponse(status: response.status, body: response.body, now: now)
            default:
                throw AuthError(code: .invalidURL, message: "the app does not use OAuth 2.0")
            }
        } catch {
            if let status = error.httpStatus, error.code == .tokenRequestRejected {
                let retryable = status == 429 || status >= 500
                let retryAfter = RetryAfter.parse(response.header("Retry-After"), now: clock.now())
                throw StepFailure(
                    .httpStatus, "authentication failed: \(error.message)", status: status, retryAfter: retryAfter,
                    retryable: retryable)
            }
            throw StepFailure(.step, "authentication failed: \(error.message)")
        }
    }

    /// Sends `request` authenticated and within the rate limit; a write of an app with `csrf` carries the CSRF
    /// token and session cookies (see ``sendProtected(_:csrf:context:)``).
    func sendAuthorized(_ request: HTTPRequest, context: EffectContext) async throws(StepFailure) -> HTTPResponse {
        if let csrf = app.csrf, !request.method.isRead {
            return try await sendProtected(request, csrf: csrf, context: context)
        }
        return try await sendAuthenticated(request, context: context)
    }

    /// Sends `request` authenticated and within the rate limit; after a 401 with an OAuth 2.0 token, fetches a
    /// new token and sends once more.
    func sendAuthenticated(_ request: HTTPRequest, context: EffectContext) async throws(StepFailure) -> HTTPResponse {
        try await waitForRateLimit(context: context)
        let (first, token) = try await authorized(request, context: context)
        let response = try await transport.perform(first, timeout: context.requestTimeout(now: clock.now()))
        guard response.status == 401, let token else { return response }
        await oauth2.reject(token)
        context.journal.log(
            LogEntry(.info, "the access token was refused (401); fetching a new one", stepPath: context.stepPath))
        try await waitForRateLimit(context: context)
        let (second, _) = try await authorized(request, context: context)
        return try await transport.perform(second, timeout: context.requestTimeout(now: clock.now()))
    }

    private func waitForRateLimit(context: EffectContext) async throws(StepFailure) {
        guard let rateLimiter else { return }
        let waited = try await rateLimiter.acquire()
        if waited > .zero {
            context.journal.log(
                LogEntry(
                    .debug, "waited \(DurationText.describe(waited)) for the rate limit of `\(app.id)`",
                    stepPath: context.stepPath, fields: ["wait_ms": .number(DurationText.seconds(waited) * 1000)]))
        }
    }

    /// Sets a header, replacing any of the same name.
    static func setHeader(_ name: String, _ value: String, in request: inout HTTPRequest) {
        let lowered = name.lowercased()
        request.headers.removeAll { $0.name.lowercased() == lowered }
        request.headers.append((name, value))
    }
}
