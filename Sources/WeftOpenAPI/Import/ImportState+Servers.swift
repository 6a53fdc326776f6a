import WeftJSON

extension ImportState {
    /// The base URL template. A server without variables (OpenAPI 3: the first of `servers`; Swagger 2.0:
    /// `scheme://host/basePath`) becomes the default of a connection field `base_url`, so that a connection can
    /// point the app at a sandbox, a mock or a simulator; a server with variables stays a template with each
    /// variable a connection field with its default. Without an absolute server, `base_url` must be filled in.
    mutating func baseURL() -> String {
        if document.version == .swagger2 { return swaggerBaseURL() }
        let servers = document.root["servers"]?.arrayValue ?? []
        guard let server = servers.first, let url = server["url"]?.stringValue, !url.isEmpty else {
            return askForBaseURL("the document names no server", at: "/servers")
        }
        let others = servers.dropFirst().compactMap { $0["url"]?.stringValue }
        if !others.isEmpty {
            diagnostics.add(
                "servers", "the first of \(servers.count) servers is the base URL",
                at: "/servers", hint: "the others: \(others.joined(separator: ", "))")
        }
        let variables = server["variables"]?.objectValue ?? [:]
        if !url.contains("{") && url.contains("://") {
            return baseURLField(default: url, others: others)
        }
        var template = ""
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            template += rest[..<open]
            let variable = String(rest[rest.index(after: open)..<close])
            template += "{{ $connection.\(serverVariable(variable, variables[variable])) }}"
            rest = rest[rest.index(after: close)...]
        }
        template += rest
        if !template.contains("://") {
            return askForBaseURL("the server `\(url)` is relative", at: "/servers/0", path: template)
        }
        return template
    }

    private mutating func serverVariable(_ name: String, _ variable: JSON?) -> String {
        let field = ActionNaming.fieldName(name)
        var description = variable?["description"]?.stringValue ?? "The server variable `\(name)`."
        if let choices = variable?["enum"]?.arrayValue, !choices.isEmpty {
            description += " One of: " + choices.map { $0.stringValue ?? $0.serialized() }.joined(separator: ", ")
        }
        if let value = variable?["default"] {
            addField(field, description: description, defaultValue: .string(value.stringValue ?? value.serialized()))
        } else {
            diagnostics.add(
                "server-variable", "the server variable `\(name)` has no default; a connection must set it",
                at: "/servers/0/variables")
            addField(field, description: description)
        }
        return field
    }

    private mutating func swaggerBaseURL() -> String {
        let basePath = document.root["basePath"]?.stringValue ?? ""
        guard let host = document.root["host"]?.stringValue, !host.isEmpty else {
            return askForBaseURL("the document names no host", at: "/host", path: basePath)
        }
        let schemes = (document.root["schemes"]?.arrayValue ?? []).compactMap(\.stringValue)
        let scheme = schemes.contains("https") || schemes.isEmpty ? "https" : schemes[0]
        if schemes.isEmpty {
            diagnostics.add("scheme", "the document lists no schemes; https is assumed", at: "/schemes")
        }
        var base = "\(scheme)://\(host)"
        if !basePath.isEmpty && basePath != "/" { base += basePath.hasPrefix("/") ? basePath : "/" + basePath }
        return baseURLField(default: base, others: [])
    }

    /// The connection field `base_url`, defaulting to the document's server.
    private mutating func baseURLField(default url: String, others: [String]) -> String {
        var description = "The API's base URL; the document's server by default."
        if !others.isEmpty { description += " Other servers: " + others.joined(separator: ", ") }
        addField("base_url", description: description, defaultValue: .string(url))
        return "{{ $connection.base_url }}"
    }

    private mutating func askForBaseURL(_ reason: String, at pointer: String, path: String = "") -> String {
        addField("base_url", description: "The API's base URL, such as https://api.example.com (no trailing slash).")
        diagnostics.add(
            "base-url", "\(reason): the base URL is the connection field `base_url`", at: pointer)
        let suffix = path.isEmpty || path == "/" ? "" : (path.hasPrefix("/") ? path : "/" + path)
        return "{{ $connection.base_url }}" + suffix
    }
}
