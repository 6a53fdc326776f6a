import Hummingbird
import WeftJSON

/// The API's OpenAPI 3.1 document, made from the registered endpoints: served at `/openapi.json` and committed
/// as `docs/openapi.json`, so it cannot drift from the routes.
public enum OpenAPIDocument {
    /// The document for `endpoints`.
    public static func make(_ endpoints: [Endpoint]) -> JSON {
        var paths = JSONObject()
        for endpoint in endpoints {
            let path = endpoint.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }.joined(separator: "/")
            var operations = paths[path]?.objectValue ?? [:]
            operations[endpoint.method.rawValue.lowercased()] = operation(endpoint)
            paths[path] = .object(operations)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Weft API", "version": "1",
                "description": .string(
                    "The Weft server: accounts, organizations, apps, connections and flows. Errors share one shape, "
                        + "`{ \"error\": { \"code\", \"message\", \"details\"? } }`, with a stable code."),
            ],
            "components": [
                "securitySchemes": [
                    "bearer": [
                        "type": "http", "scheme": "bearer",
                        "description": "A session token (`ws_…`, from sign-up or log-in) or an API key (`wk_…`).",
                    ]
                ],
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error"],
                        "properties": [
                            "error": [
                                "type": "object", "required": ["code", "message"],
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"], "details": [:],
                                ],
                            ]
                        ],
                    ]
                ],
            ],
            "paths": .object(paths),
        ]
    }

    private static func operation(_ endpoint: Endpoint) -> JSON {
        var operation: JSONObject = [
            "operationId": .string(operationID(endpoint)), "summary": .string(endpoint.summary),
        ]
        let segments = endpoint.path.split(separator: "/")
        if let tag = segments.dropFirst().first.map(String.init), segments.count > 1 {
            let resource = segments.count > 3 && tag == "orgs" ? String(segments[3]) : tag
            operation["tags"] = [.string(resource)]
        }
        if endpoint.authenticated {
            operation["security"] = [["bearer": []]]
        } else {
            operation["security"] = []
        }
        if let role = endpoint.role { operation["x-weft-role"] = .string(role.rawValue) }
        if !endpoint.parameters.isEmpty {
            operation["parameters"] = .array(
                endpoint.parameters.map {
                    ["name": .string($0), "in": "path", "required": true, "schema": ["type": "string"]]
                })
        }
        if let fields = endpoint.bodyFields {
            var properties = JSONObject()
            for field in fields { properties[field] = [:] }
            operation["requestBody"] = [
                "required": true,
                "content": [
                    "application/json": [
                        "schema": ["type": "object", "additionalProperties": false, "properties": .object(properties)]
                    ]
                ],
            ]
        }
        let errorResponse: JSON = [
            "description": "An error",
            "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
        ]
        var responses = JSONObject()
        responses[String(endpoint.success.code)] = ["description": .string(endpoint.success.reasonPhrase)]
        responses["4XX"] = errorResponse
        responses["5XX"] = errorResponse
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    /// `get_v1_orgs_org_flows` style ids: unique per method and path.
    private static func operationID(_ endpoint: Endpoint) -> String {
        let path = endpoint.path.split(separator: "/").map { $0.replacingOccurrences(of: ":", with: "") }
            .map { $0.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_") }
        return ([endpoint.method.rawValue.lowercased()] + path).joined(separator: "_")
    }
}
