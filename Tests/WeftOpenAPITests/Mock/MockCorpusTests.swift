import Foundation
import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

/// Every operation of every document in `../shared/data/openapi`, sent a valid request made from its own
/// schemas, answers a 2xx (or, when it documents none, the response it documents), and every body generated from
/// a schema conforms to that schema.
@Suite("MockResponder over the shared documents")
struct MockCorpusTests {
    static let documents = [
        "petstore.yaml", "webhook-example-3.1.yaml", "shopify-admin-rest.yaml", "slack-web-api.swagger2.json",
        "slack-web-api.oas3-converted.json", "dynamics365-business-central.yaml", "twilio-api-v2010.json",
        "github-api.github.com.json", "stripe-spec3.yaml",
    ]

    @Test("every operation answers a 2xx to a valid request", arguments: documents)
    func everyOperationAnswers(_ name: String) throws {
        guard SharedData.isPresent else {
            print(SharedData.skipMessage)
            return
        }
        let document = try OpenAPIDocument.load(path: SharedData.path(name))
        let responder = MockResponder(document: document, options: MockOptions(seed: 11))
        var failures: [String] = []
        var explained: [String] = []
        for (index, operation) in responder.operations.enumerated() {
            let request = ValidRequest.make(for: operation, in: responder, seed: UInt64(index))
            let response = responder.respond(to: request)
            let documented = operation.responses.map(\.status)
            if !documented.contains(where: { $0.hasPrefix("2") || $0 == "default" }), let only = documented.first {
                // Nothing to succeed with: the first documented response (a redirect) is the answer.
                if String(response.status) != only {
                    failures.append("\(operation.method) \(operation.path) → \(response.status)")
                }
                explained.append("\(operation.method) \(operation.path) documents no 2xx; answered \(response.status)")
            } else if (200..<300).contains(response.status) {
                if let problem = Self.bodyProblem(response, operation, responder) {
                    failures.append("\(operation.method) \(operation.path): generated body: \(problem)")
                }
            } else {
                failures.append(
                    "\(operation.method) \(operation.path) → \(response.status) "
                        + String(decoding: response.body.prefix(600), as: UTF8.self))
            }
        }
        let answered = responder.operations.count - failures.count - explained.count
        print("\(name): \(answered) of \(responder.operations.count) operations answer a 2xx")
        for reason in explained { print("  \(reason)") }
        #expect(failures.isEmpty, "\(name):\n\(failures.prefix(15).joined(separator: "\n"))")
    }
}

extension MockCorpusTests {
    /// Why a generated JSON body does not conform to the schema it was generated from, or `nil`.
    static func bodyProblem(_ response: MockResponse, _ operation: OpenAPIOperation, _ responder: MockResponder)
        -> String?
    {
        guard response.header("X-Weft-Mock-Source") == "schema", let body = response.json,
            let type = response.header("Content-Type"),
            let documented = operation.responses.first(where: { $0.status == String(response.status) })
        else { return nil }
        let pointer =
            responder.document.version == .swagger2
            ? documented.response.pointer + "/schema"
            : documented.response.pointer + "/content/" + JSONPointer.escape(type) + "/schema"
        guard let schema = try? responder.document.schema(at: pointer) else { return nil }
        let violations = JSONSchemaValidator(schema: schema).validate(body)
        return violations.isEmpty ? nil : violations.prefix(3).map(\.description).joined(separator: "; ")
    }
}

/// Makes a request an operation accepts, from the operation's own schemas: path parameters, required query and
/// header parameters, and a body when the operation takes one.
enum ValidRequest {
    static func make(for operation: OpenAPIOperation, in responder: MockResponder, seed: UInt64) -> MockRequest {
        var random = MockRandom(seed: seed)
        let sampler = SchemaSampler(direction: .request, usesExamples: false)
        let document = responder.document
        var path = operation.path
        var query: [String] = []
        var headers: [(name: String, value: String)] = []
        var form: [String] = []
        var body: [UInt8] = []
        for parameter in operation.parameters {
            guard parameter.isRequired || parameter.location == "path" else { continue }
            let schema = (try? document.schema(at: parameter.pointer)) ?? [:]
            let value = sampler.sample(schema, name: parameter.name, random: &random)
            switch parameter.location {
            case "path":
                let text = encode(texts(value).joined(separator: ","), allowing: .urlPathAllowed)
                path = path.replacingOccurrences(of: "{\(parameter.name)}", with: text.isEmpty ? "x" : text)
            case "query":
                for text in texts(value) { query.append("\(encode(parameter.name))=\(encode(text))") }
            case "header" where !RequestValidator.ignoredHeaders.contains(parameter.name.lowercased()):
                headers.append((parameter.name, texts(value).joined(separator: ",")))
            case "formData":
                for text in texts(value) { form.append("\(encode(parameter.name))=\(encode(text))") }
            case "body":
                headers.append(("Content-Type", "application/json"))
                body = value.serializedBytes()
            default:
                break
            }
        }
        if !form.isEmpty {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Array(form.joined(separator: "&").utf8)
        }
        if let requestBody = operation.requestBody, case .object(let content)? = requestBody.value["content"] {
            let type = content.keys.first { RequestValidator.isJSON($0) } ?? content.keys.first ?? "application/json"
            let pointer = requestBody.pointer + "/content/" + JSONPointer.escape(type) + "/schema"
            let schema = document.value(atReference: pointer) == nil ? nil : try? document.schema(at: pointer)
            if let schema {
                let value = sampler.sample(schema, name: nil, random: &random)
                headers.append(("Content-Type", type))
                if type == "application/x-www-form-urlencoded", case .object(let fields) = value {
                    body = Array(fields.flatMap { formFields($1, name: $0) }.joined(separator: "&").utf8)
                } else if RequestValidator.isJSON(type) {
                    body = value.serializedBytes()
                } else {
                    body = Array("content".utf8)
                }
            }
        }
        return MockRequest(
            method: operation.method, path: path, query: query.joined(separator: "&"), headers: headers, body: body)
    }

    /// A form value as fields, nested values with bracketed names (`metadata[key]=value`, `items[0][id]=1`).
    static func formFields(_ value: JSON, name: String) -> [String] {
        switch value {
        case .object(let members):
            members.flatMap { formFields($1, name: "\(name)[\($0)]") }
        case .array(let items):
            items.enumerated().flatMap { formFields($1, name: "\(name)[\($0)]") }
        default:
            texts(value).map { "\(encode(name))=\(encode($0))" }
        }
    }

    /// A parameter value as the texts it is sent as (one per array item).
    static func texts(_ value: JSON) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(texts)
        case .null: [""]
        default: [value.serialized()]
        }
    }

    static func encode(_ text: String, allowing allowed: CharacterSet = .alphanumerics) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed.subtracting(CharacterSet(charactersIn: "/?&=+#")))
            ?? text
    }
}
