import WeftJSON

extension OAuth2Token {
    /// Reads a token endpoint's answer (RFC 6749 §5.1 and §5.2).
    ///
    /// A 2xx answer must be a JSON object with `access_token`; `token_type` defaults to `Bearer` when missing,
    /// `expires_in` (a number or, as some servers send it, a numeric string) becomes ``expiresAt`` counted from
    /// `now`, and `refresh_token` and `scope` are optional. A form-encoded answer (`access_token=...&...`, as
    /// some older servers send) is read too. An answer with an `error` member, or with a non-2xx status, becomes
    /// an ``AuthError`` with code ``AuthError/Code/tokenRequestRejected`` whose message has the OAuth `error`
    /// and `error_description`, cleaned of every secret in `redacting`, of control characters, and cut to a
    /// readable length. No other part of the body ever reaches the message.
    ///
    /// - Parameters:
    ///   - status: the HTTP status of the answer.
    ///   - body: the body of the answer.
    ///   - now: the current time in seconds since the Unix epoch.
    ///   - redacting: secrets of the request that must not appear in an error message even if the server
    ///     echoes them.
    public static func parse(
        status: Int,
        body: [UInt8],
        now: Int64,
        redacting secrets: [SecretString] = []
    ) throws(AuthError) -> OAuth2Token {
        let fields = responseFields(body)
        if let error = fields?["error"]?.stringValue {
            throw rejection(
                status: status, error: error, description: fields?["error_description"]?.stringValue,
                secrets: secrets)
        }
        guard (200..<300).contains(status) else {
            throw AuthError(
                code: .tokenRequestRejected,
                message: "the token endpoint answered HTTP \(status) without an OAuth error", httpStatus: status)
        }
        guard let fields else {
            throw AuthError(
                code: .invalidTokenResponse, message: "the token endpoint's answer is not a JSON object",
                httpStatus: status)
        }
        guard let accessToken = fields["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw AuthError(
                code: .invalidTokenResponse, message: "the token endpoint's answer has no access_token",
                httpStatus: status)
        }
        var expiresAt: Int64?
        if let expiresIn = fields["expires_in"], !expiresIn.isNull {
            guard let seconds = seconds(expiresIn) else {
                throw AuthError(
                    code: .invalidTokenResponse,
                    message: "the token endpoint's answer has an expires_in that is not a number of seconds",
                    httpStatus: status)
            }
            expiresAt = now.addingReportingOverflow(seconds).partialValue
        }
        let refreshToken = fields["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : SecretString($0) }
        return OAuth2Token(
            accessToken: SecretString(accessToken),
            tokenType: fields["token_type"]?.stringValue ?? "Bearer",
            expiresAt: expiresAt,
            refreshToken: refreshToken,
            scope: fields["scope"]?.stringValue)
    }

    /// The members of a JSON object body, or of a form-encoded body, or `nil`.
    private static func responseFields(_ body: [UInt8]) -> JSONObject? {
        if let json = try? JSONParser().parse(body) {
            return json.objectValue
        }
        let text = String(decoding: body, as: UTF8.self)
        guard !text.contains("{"), text.contains("access_token=") || text.contains("error=") else { return nil }
        var object = JSONObject()
        for pair in PercentEncoding.parseFormText(trimmingWhitespace(text)) where object[pair.name] == nil {
            object[pair.name] = .string(pair.value)
        }
        return object
    }

    /// Whole seconds from a JSON number or numeric string, at least 0; `nil` when it is neither.
    private static func seconds(_ value: JSON) -> Int64? {
        let number: Double
        switch value {
        case .number(let value): number = value
        case .string(let text):
            guard let parsed = Double(trimmingWhitespace(text)) else { return nil }
            number = parsed
        default: return nil
        }
        guard number.isFinite else { return nil }
        // A century is longer than any token lives; the cap keeps the conversion in range.
        return Int64(min(max(number, 0), 3_155_760_000).rounded(.down))
    }

    /// The error for an OAuth error answer, its text cleaned of secrets.
    private static func rejection(
        status: Int,
        error: String,
        description: String?,
        secrets: [SecretString]
    ) -> AuthError {
        let code = clean(error, secrets: secrets, limit: 100)
        var message = "the token endpoint refused the request (HTTP \(status)): \(code)"
        if let description {
            let text = clean(description, secrets: secrets, limit: 400)
            if !text.isEmpty { message += ": \(text)" }
        }
        return AuthError(code: .tokenRequestRejected, message: message, oauthError: code, httpStatus: status)
    }

    /// `text` with each secret replaced by the mask, control characters as spaces, at most `limit` characters.
    private static func clean(_ text: String, secrets: [SecretString], limit: Int) -> String {
        var cleaned = text
        for secret in secrets where !secret.isEmpty {
            cleaned = cleaned.replacing(secret.reveal(), with: SecretString.mask)
        }
        cleaned = String(
            String.UnicodeScalarView(
                cleaned.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        cleaned = String(trimmingWhitespace(cleaned))
        if cleaned.count > limit {
            cleaned = String(cleaned.prefix(limit)) + "..."
        }
        return cleaned
    }

    /// `text` without leading and trailing whitespace.
    private static func trimmingWhitespace(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
