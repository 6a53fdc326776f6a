import WeftRuntime

/// Masks credentials in text that leaves a client: failure messages, journal entries, dry-run requests.
///
/// A value is masked when it is one of the known secrets (the connection's secret fields, rendered auth values,
/// OAuth tokens), in any of the forms it takes on the wire (as is, percent-encoded, form-encoded), and, in
/// requests, when it is the value of a header or query parameter whose name looks like a credential
/// (``SecretNames``).
public struct Redactor: Sendable {
    /// What a masked value shows.
    public static let mask = "••••"

    /// The secrets, longest first so that a secret containing another is masked whole.
    private(set) var secrets: [String]

    /// Secrets shorter than this are not searched for in text (they would mask ordinary words); they are still
    /// masked as whole header values by name.
    static let minimumLength = 3

    /// Creates a redactor for `secrets` (those shorter than ``minimumLength`` are ignored).
    public init(secrets: [String] = []) {
        self.secrets = []
        add(secrets)
    }

    /// Adds secrets to mask.
    mutating func add(_ more: [String]) {
        var all = Set(secrets)
        for secret in more where secret.count >= Self.minimumLength {
            all.insert(secret)
            let encoded = URLQuery.encode(secret)
            if encoded != secret { all.insert(encoded) }
            let formEncoded = PercentEncoding.formEncode(secret)
            if formEncoded != secret { all.insert(formEncoded) }
        }
        secrets = all.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with every secret replaced by the mask.
    public func mask(_ text: String) -> String {
        var output = text
        for secret in secrets where output.contains(secret) {
            output = output.replacing(secret, with: Self.mask)
        }
        return output
    }

    /// A URL with secrets masked, and the values of credential-like query parameters too.
    public func mask(url: String) -> String {
        URLQuery.redacted(mask(url))
    }

    /// A failure with its message masked.
    public func mask(_ failure: StepFailure) -> StepFailure {
        var masked = failure
        masked.message = mask(failure.message)
        return masked
    }

    /// Headers that look like credentials by name but are not (their values are still masked if they contain a
    /// secret).
    private static let publicHeaders: Set<String> = ["idempotency-key", "x-idempotency-key"]

    /// Whether a header's value is masked whole, by its name.
    static func isSecretHeader(_ name: String) -> Bool {
        SecretNames.isSecret(name) && !publicHeaders.contains(name.lowercased())
    }

    /// The request as it may be shown: secret header values, credential query values and every known secret
    /// (also inside the body) masked.
    public func mask(_ request: HTTPRequest) -> HTTPRequest {
        var masked = request
        masked.url = mask(url: request.url)
        masked.headers = request.headers.map { header in
            (header.name, Self.isSecretHeader(header.name) ? Self.mask : mask(header.value))
        }
        if let body = request.body {
            let text = String(decoding: body, as: UTF8.self)
            let cleaned = mask(text)
            if cleaned != text { masked.body = Array(cleaned.utf8) }
        }
        return masked
    }
}
