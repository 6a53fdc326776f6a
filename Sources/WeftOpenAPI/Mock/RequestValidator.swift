import Foundation
import WeftJSON
import WeftModel

/// Checks a request against its operation: path parameters, required query and header parameters and the types
/// of all of them, and the body against its schema (JSON, or a URL-encoded form read field by field). Every
/// problem is reported, not only the first.
///
/// Bodies and parameter values are checked by WeftModel's `JSONSchemaValidator`, against the schemas
/// ``OpenAPIDocument/schema(at:)`` makes self-contained. Not checked: cookie parameters, object-valued query
/// parameters (deep objects), `Accept`, `Content-Type` and `Authorization` header parameters (which OpenAPI says
/// to ignore), and bodies of other media types (multipart, binary).
struct RequestValidator: Sendable {
    struct Parameter: Sendable {
        let name: String
        let location: String
        let isRequired: Bool
        let object: JSON
        let schema: JSON
        let validator: JSONSchemaValidator
    }

    struct Media: Sendable {
        let type: String
        let schema: JSON?
        let validator: JSONSchemaValidator?
    }

    static let ignoredHeaders: Set<String> = ["accept", "content-type", "authorization"]

    let parameters: [Parameter]
    /// Swagger 2.0 `formData` parameters.
    let formParameters: [Parameter]
    let bodyIsRequired: Bool
    /// The media types a body may have, with their schemas; empty when the operation takes no body.
    let media: [Media]

    init(operation: OpenAPIOperation, document: OpenAPIDocument) {
        var parameters: [Parameter] = []
        var formParameters: [Parameter] = []
        var media: [Media] = []
        var bodyIsRequired = false
        let consumes = (operation.object["consumes"] ?? document.root["consumes"])?.arrayValue?
            .compactMap(\.stringValue)
        for parameter in operation.parameters {
            let schema = (try? document.schema(at: parameter.pointer)) ?? [:]
            let compiled = Parameter(
                name: parameter.name, location: parameter.location, isRequired: parameter.isRequired,
                object: parameter.object, schema: schema, validator: JSONSchemaValidator(schema: schema))
            switch parameter.location {
            case "path", "query": parameters.append(compiled)
            case "header" where !Self.ignoredHeaders.contains(parameter.name.lowercased()): parameters.append(compiled)
            case "formData": formParameters.append(compiled)
            case "body":
                bodyIsRequired = parameter.isRequired
                for type in consumes ?? ["application/json"] {
                    media.append(Media(type: type, schema: schema, validator: compiled.validator))
                }
            default: break
            }
        }
        if !formParameters.isEmpty {
            for type in consumes ?? ["application/x-www-form-urlencoded"] {
                media.append(Media(type: type, schema: nil, validator: nil))
            }
            bodyIsRequired = formParameters.contains { $0.isRequired }
        }
        if let body = operation.requestBody {
            bodyIsRequired = body.value["required"] == .bool(true)
            for (type, _) in body.value["content"]?.objectValue ?? [:] {
                let pointer = body.pointer + "/content/" + JSONPointer.escape(type) + "/schema"
                let schema = document.value(atReference: pointer) == nil ? nil : try? document.schema(at: pointer)
                media.append(
                    Media(type: type, schema: schema, validator: schema.map { JSONSchemaValidator(schema: $0) }))
            }
        }
        self.parameters = parameters
        self.formParameters = formParameters
        self.bodyIsRequired = bodyIsRequired
        self.media = media
    }

    /// Every problem of `request`, whose path gave `pathValues`.
    func validate(_ request: MockRequest, pathValues: [String: String]) -> [MockProblem] {
        var problems: [MockProblem] = []
        let query = ParameterDecoding.pairs(request.query)
        for parameter in parameters {
            let raw: [String]
            switch parameter.location {
            case "path": raw = pathValues[parameter.name].map { [$0] } ?? []
            case "query":
                raw = query.filter { $0.name == parameter.name || $0.name == parameter.name + "[]" }.map(\.value)
            default: raw = request.headerValues(parameter.name)
            }
            problems += check(parameter, raw: raw)
        }
        problems += checkBody(request)
        return problems
    }

    private func check(_ parameter: Parameter, raw: [String]) -> [MockProblem] {
        guard !raw.isEmpty else {
            return parameter.isRequired ? [MockProblem(parameter.location, parameter.name, "required but missing")] : []
        }
        if raw == [""] && parameter.object["allowEmptyValue"] == .bool(true) { return [] }
        guard let value = ParameterDecoding.value(raw, schema: parameter.schema, parameter: parameter.object) else {
            return []
        }
        let shown = raw.count == 1 ? "`\(raw[0])`" : raw.map { "`\($0)`" }.joined(separator: ", ")
        return parameter.validator.validate(value).map { violation in
            MockProblem(parameter.location, parameter.name, "\(violation.description) (sent \(shown))")
        }
    }

    private func checkBody(_ request: MockRequest) -> [MockProblem] {
        let isEmpty = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let sentType = request.header("Content-Type").map(Self.mediaType)
        if isEmpty {
            guard bodyIsRequired else { return [] }
            if !formParameters.isEmpty { return formProblems([]) }
            let accepted = media.map(\.type).joined(separator: ", ")
            return [MockProblem("body", "", "a request body is required (\(accepted))")]
        }
        guard !media.isEmpty else { return [] }
        let chosen: Media?
        if let sentType {
            chosen = media.first { Self.accepts($0.type, sentType) }
        } else {
            chosen = media.first { Self.isJSON($0.type) } ?? media.first
        }
        guard let chosen else {
            let accepted = media.map { "`\($0.type)`" }.joined(separator: ", ")
            return [MockProblem("body", "", "content type `\(sentType ?? "")` is not accepted; send \(accepted)")]
        }
        let type = sentType ?? chosen.type
        if !formParameters.isEmpty {
            if Self.isJSON(type) {
                guard case .object(let object)? = try? JSONParser().parse(request.body) else {
                    return [MockProblem("body", "", "expected a JSON object of form fields")]
                }
                return formProblems(object.map { ($0.key, $0.value.stringValue ?? $0.value.serialized()) })
            }
            guard type == "application/x-www-form-urlencoded" else { return [] }
            return formProblems(ParameterDecoding.pairs(String(decoding: request.body, as: UTF8.self)))
        }
        guard let validator = chosen.validator, let schema = chosen.schema else { return [] }
        let value: JSON
        if Self.isJSON(type) {
            do {
                value = try JSONParser().parse(request.body)
            } catch {
                return [MockProblem("body", "", "not valid JSON: \(error)")]
            }
        } else if type == "application/x-www-form-urlencoded" {
            value = FormDecoding.object(ParameterDecoding.pairs(String(decoding: request.body, as: UTF8.self)), schema)
        } else {
            return []
        }
        return validator.validate(value).map { MockProblem("body", $0.path, $0.message) }
    }

    private func formProblems(_ fields: [(name: String, value: String)]) -> [MockProblem] {
        formParameters.flatMap { parameter in
            check(parameter, raw: fields.filter { $0.name == parameter.name }.map(\.value)).map {
                MockProblem("body", "/" + JSONPointer.escape(parameter.name), $0.message)
            }
        }
    }

    /// `application/json` for `Application/JSON; charset=utf-8`.
    static func mediaType(_ header: String) -> String {
        String(header.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func isJSON(_ type: String) -> Bool {
        let type = type.lowercased()
        return type == "application/json" || type.hasSuffix("+json") || type == "text/json"
            || type.hasPrefix("application/json;")
    }

    /// Whether a documented media type (possibly a range such as `application/*`) accepts `sent`.
    static func accepts(_ documented: String, _ sent: String) -> Bool {
        let documented = mediaType(documented)
        if documented == sent || documented == "*/*" { return true }
        if documented.hasSuffix("/*"), sent.hasPrefix(documented.dropLast()) { return true }
        return isJSON(documented) && isJSON(sent)
    }
}
