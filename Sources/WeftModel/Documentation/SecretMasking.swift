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
}
