import Foundation
import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

extension AppClient {
    /// Sends a write of an app with `csrf`: with the session's token and cookies (fetched first when there are
    /// none), and once more with a fresh token when the API refuses the one sent.
    func sendProtected(_ request: HTTPRequest, csrf: CSRFProtection, context: EffectContext)
        async throws(StepFailure) -> HTTPResponse
    {
        let fetch = { @Sendable () async throws(StepFailure) -> CSRFSession.Credentials in
            try await self.fetchCSRFToken(csrf, context: context)
        }
        let first = try await csrfSession.credentials(fetch: fetch)
        let response = try await sendAuthenticated(Self.adding(first, to: request, csrf: csrf), context: context)
        guard Self.refusesToken(response, csrf: csrf) else { return response }
        await csrfSession.reject(first)
        context.journal.log(
            LogEntry(
                .info, "the CSRF token was refused (403); fetching a new one", stepPath: context.stepPath))
        let second = try await csrfSession.credentials(fetch: fetch)
        return try await sendAuthenticated(Self.adding(second, to: request, csrf: csrf), context: context)
    }

    /// `request` with the token header and the session cookies (after any cookies it already has).
    static func adding(_ credentials: CSRFSession.Credentials, to request: HTTPRequest, csrf: CSRFProtection)
        -> HTTPRequest
    {
        var result = request
        setHeader(csrf.header, credentials.token, in: &result)
        if !credentials.cookies.isEmpty {
            let existing = result.header("Cookie").map { $0 + "; " } ?? ""
            setHeader("Cookie", existing + credentials.cookies, in: &result)
        }
        return result
    }

    /// Whether a response refuses the CSRF token: 403 with the token header saying `Required`, or a body that
    /// mentions a failed CSRF token validation.
    static func refusesToken(_ response: HTTPResponse, csrf: CSRFProtection) -> Bool {
        guard response.status == 403 else { return false }
        if response.header(csrf.header)?.lowercased() == "required" { return true }
        let text = String(decoding: response.body.prefix(4096), as: UTF8.self).lowercased()
        return text.contains("csrf token validation failed")
    }

    /// GETs the fetch path with `<header>: Fetch` (authenticated, within the rate limit) and keeps the token of
    /// the answer and the `name=value` part of each `Set-Cookie` header.
    private func fetchCSRFToken(_ csrf: CSRFProtection, context: EffectContext) async throws(StepFailure)
        -> CSRFSession.Credentials
    {
        let base: String
        let path: String
        do throws(JSONataError) {
            base = try app.baseURL.render(nil, bindings: bindings, options: options)
            path = try csrf.fetchPath.render(nil, bindings: bindings, options: options)
        } catch {
            throw baseRedactor.mask(StepFailure(.expression, "the `csrf.fetch_path` of `\(app.id)` failed: \(error)"))
        }
        var request = HTTPRequest(method: .GET, url: Self.join(base, path))
        for (name, template) in app.headers {
            if let value = try? template.render(nil, bindings: bindings, options: options), !value.isEmpty {
                Self.setHeader(name, value, in: &request)
            }
        }
        Self.setHeader(csrf.header, csrf.fetchValue, in: &request)
        if request.header("Accept") == nil { request.headers.append(("Accept", "application/json")) }
        let response = try await sendAuthenticated(request, context: context)
        guard (200..<300).contains(response.status) else {
            var failure = await statusFailure(request, response)
            failure.message = "fetching the CSRF token failed: " + failure.message
            throw failure
        }
        guard let token = response.header(csrf.header), !token.isEmpty, token.lowercased() != "required" else {
            throw StepFailure(
                .step, "fetching the CSRF token failed: \(await describe(request)) answered without `\(csrf.header)`")
        }
        var cookies: [String] = []
        for header in response.headers where header.name.lowercased() == "set-cookie" {
            guard let first = header.value.split(separator: ";", maxSplits: 1).first else { continue }
            let pair = first.trimmingCharacters(in: .whitespaces)
            if pair.contains("="), !pair.hasPrefix("=") { cookies.append(pair) }
        }
        return CSRFSession.Credentials(token: token, cookies: cookies.joined(separator: "; "))
    }
}
