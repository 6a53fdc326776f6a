import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

extension AppClient {
    /// The first request of an action call: base URL and path, query parameters (empty ones left out), the
    /// app's then the action's headers, the JSON body and, on writes, the idempotency key.
    func buildRequest(_ action: Action, input: JSON, context: EffectContext) throws(StepFailure) -> HTTPRequest {
        let bindings = bindings
        let options = options
        let base = try render(app.baseURL, input: input, what: "base_url", bindings: bindings, options: options)
        let path = try renderPath(action, input: input, bindings: bindings, options: options)
        var url = Self.join(base, path)
        var parameters: [(name: String, value: String)] = []
        for (name, template) in action.query {
            let value = try render(
                template, input: input, what: "query `\(name)`", bindings: bindings, options: options)
            if !value.isEmpty { parameters.append((name, value)) }
        }
        url = RequestURL.appending(parameters, to: url)
        guard HTTPURLParts(url) != nil else {
            throw baseRedactor.mask(
                StepFailure(
                    .configuration,
                    "the URL of `\(action.name)` is not an absolute http or https URL: \(baseRedactor.mask(url: url))"))
        }

        var request = HTTPRequest(method: action.method, url: url)
        for (name, template) in app.headers {
            let value = try render(
                template, input: input, what: "header `\(name)`", bindings: bindings, options: options)
            if !value.isEmpty { Self.setHeader(name, value, in: &request) }
        }
        for (name, template) in action.headers {
            let value = try render(
                template, input: input, what: "header `\(name)`", bindings: bindings, options: options)
            if !value.isEmpty { Self.setHeader(name, value, in: &request) }
        }
        if let body = action.body {
            let value: JSON?
            do throws(JSONataError) {
                value = try body.evaluate(input, bindings: bindings, options: options)
            } catch {
                throw baseRedactor.mask(StepFailure(.expression, "the body of `\(action.name)` failed: \(error)"))
            }
            if let value {
                switch action.bodyFormat {
                case .json:
                    request.body = value.serializedBytes()
                    if request.header("Content-Type") == nil {
                        request.headers.append(("Content-Type", "application/json"))
                    }
                case .form:
                    do throws(StepFailure) {
                        request.body = try FormBody.encode(value, action: action.name)
                    } catch {
                        throw baseRedactor.mask(error)
                    }
                    if request.header("Content-Type") == nil {
                        request.headers.append(("Content-Type", "application/x-www-form-urlencoded"))
                    }
                }
            }
        }
        if request.header("Accept") == nil { request.headers.append(("Accept", "application/json")) }
        if !action.method.isRead && request.header("Idempotency-Key") == nil {
            request.headers.append(("Idempotency-Key", context.idempotencyKey))
        }
        return request
    }

    private func render(
        _ template: Template, input: JSON, what: String, bindings: [String: JSON], options: EvaluationOptions
    ) throws(StepFailure) -> String {
        do throws(JSONataError) {
            return try template.render(input, bindings: bindings, options: options)
        } catch {
            throw baseRedactor.mask(StepFailure(.expression, "the \(what) template of `\(app.id)` failed: \(error)"))
        }
    }

    /// The path with each hole's value percent-encoded as a path segment (a `/` in a value stays inside its
    /// segment).
    private func renderPath(_ action: Action, input: JSON, bindings: [String: JSON], options: EvaluationOptions)
        throws(StepFailure) -> String
    {
        var path = ""
        for part in action.path.parts {
            switch part {
            case .text(let text):
                path += text
            case .expression(let expression):
                let value: JSON?
                do throws(JSONataError) {
                    value = try expression.evaluate(input, bindings: bindings, options: options)
                } catch {
                    throw baseRedactor.mask(StepFailure(.expression, "the path of `\(action.name)` failed: \(error)"))
                }
                switch value {
                case nil: break
                case .string(let text)?: path += Self.encodePathSegment(text)
                case let value?: path += Self.encodePathSegment(value.serialized())
                }
            }
        }
        return path
    }

    /// `base` and `path` joined with exactly one `/`.
    static func join(_ base: String, _ path: String) -> String {
        guard !path.isEmpty else { return base }
        if path.hasPrefix("?") { return base + path }
        var trimmed = Substring(base)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed + (path.hasPrefix("/") ? path : "/" + path)
    }

    private static let segmentSafe = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)

    /// Percent-encodes everything but unreserved characters, sub-delimiters, `:` and `@` (RFC 3986 `pchar`).
    static func encodePathSegment(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if segmentSafe.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
