/// Hides values that may be credentials in generated documentation: headers and fields whose names mention
/// authorization, tokens, keys, secrets, passwords, cookies or signatures are shown as `••••`.
public enum SecretMasking {
    /// What a hidden value is shown as.
    public static let mask = "••••"

    private static let words = [
        "authorization", "token", "key", "secret", "password", "passwd", "cookie", "signature", "credential",
    ]

    /// Whether a header, query parameter or field named `name` holds a secret.
    public static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return words.contains { lowered.contains($0) }
    }

    /// `value`, or the mask when `name` names a secret.
    public static func display(_ value: String, name: String) -> String {
        isSecret(name) ? mask : value
    }

    /// A URL (template) with the values of query parameters named like secrets masked:
    /// `https://x.test/items?api_key={{ $vars.key }}&page=2` becomes `...?api_key=••••&page=2`.
    public static func url(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: question)...]
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "="), isSecret(String(parameter[..<equals])) else {
                return String(parameter)
            }
            return String(parameter[...equals]) + mask
        }
        return String(url[...question]) + parameters.joined(separator: "&")
    }
}
