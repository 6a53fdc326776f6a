/// The specification a document follows, read from its top-level `swagger` or `openapi` member.
public enum OpenAPIVersion: String, Sendable, Hashable, CaseIterable {
    /// Swagger 2.0 (`swagger: "2.0"`): `definitions`, `securityDefinitions`, `host` and `basePath`, body and
    /// formData parameters.
    case swagger2 = "2.0"
    /// OpenAPI 3.0.x: `components`, `servers`, `requestBody`, schemas with `nullable`.
    case openAPI30 = "3.0"
    /// OpenAPI 3.1.x: like 3.0, with JSON Schema 2020-12 schemas (`type` lists, `const`) and `webhooks`.
    case openAPI31 = "3.1"

    /// The version a document declares, or `nil` when it declares none this library reads.
    ///
    /// `swagger: "2.0"` is Swagger 2.0; `openapi: "3.0.x"` and `"3.1.x"` are OpenAPI 3.0 and 3.1. A YAML
    /// document that writes the number unquoted (`openapi: 3.0`) is read the same way.
    static func declared(swagger: String?, openapi: String?) -> OpenAPIVersion? {
        if let swagger { return swagger == "2.0" || swagger == "2" ? .swagger2 : nil }
        guard let openapi else { return nil }
        if openapi == "3" || openapi == "3.0" || openapi.hasPrefix("3.0.") { return .openAPI30 }
        if openapi == "3.1" || openapi.hasPrefix("3.1.") { return .openAPI31 }
        return nil
    }
}
