/// A CSRF token that an API wants on every write, fetched first with a read, as SAP Gateway (S/4HANA OData
/// services) does: a GET carrying `X-CSRF-Token: Fetch` answers with the token in the same header and session
/// cookies; each write then sends the token back with those cookies. When the API refuses a token (403 with
/// `X-CSRF-Token: Required`, or a body saying the validation failed), a new one is fetched and the write is sent
/// once more.
public struct CSRFProtection: Sendable {
    /// The header that asks for the token and carries it: `X-CSRF-Token` by default.
    public var header = "X-CSRF-Token"
    /// The path after `base_url` that the token is fetched from with a GET; `/` (the service root) by default.
    public var fetchPath = Template(literal: "/")
    /// The value of the header that asks for a token: `Fetch` by default.
    public var fetchValue = "Fetch"

    /// The defaults: `X-CSRF-Token: Fetch` on a GET of the base URL.
    public init() {}

    static var spec: Spec<CSRFProtection> {
        ObjectSpec(
            "CSRFProtection",
            description:
                "A CSRF token fetched with a GET before the first write, then sent with every write together with "
                + "the session cookies of the fetch; fetched again when the API refuses it (SAP Gateway).",
            initial: CSRFProtection.init,
            fields: [
                .field("header", \.header, .string(), "The token's header; `X-CSRF-Token` by default."),
                .field(
                    "fetch_path", \.fetchPath, .template,
                    "The path after `base_url` to fetch the token from with a GET; `/` by default."),
                .field(
                    "fetch_value", \.fetchValue, .string(), "The header value asking for a token; `Fetch` by default."),
            ]
        ).spec
    }
}
