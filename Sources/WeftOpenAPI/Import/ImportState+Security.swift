import WeftJSON

extension ImportState {
    /// The auth block for the document's security: the first scheme of the top-level `security` requirements
    /// (or, when there are none, the scheme most operations require, or the only one defined).
    mutating func auth(operations: [Operation]) -> ImportAuth {
        let swagger = document.version == .swagger2
        let schemesPointer = swagger ? "/securityDefinitions" : "/components/securitySchemes"
        let schemes =
            (swagger ? document.root["securityDefinitions"] : document.root["components"]?["securitySchemes"])?
            .objectValue ?? [:]
        guard !schemes.isEmpty else { return ImportAuth() }

        var requirements = document.root["security"]?.arrayValue ?? []
        if requirements.isEmpty {
            var uses: [String: Int] = [:]
            var firstUse: [String] = []
            for operation in operations {
                for requirement in operation.object["security"]?.arrayValue ?? [] {
                    for name in requirement.objectValue?.keys ?? [] {
                        if uses[name] == nil { firstUse.append(name) }
                        uses[name, default: 0] += 1
                    }
                }
            }
            if let most = firstUse.max(by: { uses[$0, default: 0] < uses[$1, default: 0] }) {
                requirements = [.object([most: .array(scopes(of: most, in: operations))])]
            } else {
                let name = schemes.keys[0]
                if schemes.count > 1 {
                    diagnostics.add(
                        "security", "no security requirement is declared; the first scheme `\(name)` is used",
                        at: schemesPointer)
                }
                requirements = [.object([name: []])]
            }
        }
        let alternatives = requirements.compactMap { $0.objectValue }.filter { !$0.isEmpty }
        guard let chosen = alternatives.first, let name = chosen.keys.first else { return ImportAuth() }
        if chosen.count > 1 {
            diagnostics.add(
                "security",
                "the security requirement combines \(chosen.keys.joined(separator: " and ")); only `\(name)` is used",
                at: "/security")
        }
        if alternatives.count > 1 {
            let others = alternatives.dropFirst().compactMap { $0.keys.first }.filter { $0 != name }
            if !others.isEmpty {
                diagnostics.add(
                    "security", "the scheme `\(name)` is used; the alternatives are left out",
                    at: "/security", hint: "alternatives: \(others.joined(separator: ", "))")
            }
        }
        guard let scheme = schemes[name].map(document.resolved) else {
            diagnostics.add("security", "the security scheme `\(name)` is not defined; no auth", at: schemesPointer)
            return ImportAuth()
        }
        let scopes = (chosen[name]?.arrayValue ?? []).compactMap(\.stringValue)
        var result = auth(
            scheme: scheme, name: name, scopes: scopes, at: schemesPointer + "/" + JSONPointer.escape(name))
        result.scheme = name
        return result
    }

    private func scopes(of scheme: String, in operations: [Operation]) -> [JSON] {
        for operation in operations {
            for requirement in operation.object["security"]?.arrayValue ?? [] {
                if let scopes = requirement[scheme]?.arrayValue { return scopes }
            }
        }
        return []
    }

    private mutating func auth(scheme: JSON, name: String, scopes: [String], at pointer: String) -> ImportAuth {
        let type = scheme["type"]?.stringValue ?? ""
        switch type {
        case "apiKey":
            let parameter = scheme["name"]?.stringValue ?? "api_key"
            let field = addField("api_key", description: "The API key (sent as `\(parameter)`).", secret: true)
            let value = "{{ $connection.\(field) }}"
            switch scheme["in"]?.stringValue {
            case "query":
                return ImportAuth(
                    block: ["type": "query", "name": .string(parameter), "value": .string(value)], queryName: parameter)
            case "cookie":
                diagnostics.add(
                    "auth-cookie", "the API key travels in the cookie `\(parameter)`; it is sent as a Cookie header",
                    at: pointer)
                return ImportAuth(
                    block: ["type": "header", "name": "Cookie", "value": .string("\(parameter)=\(value)")],
                    headerName: "cookie")
            default:
                return ImportAuth(
                    block: ["type": "header", "name": .string(parameter), "value": .string(value)],
                    headerName: parameter.lowercased())
            }
        case "basic":
            return basic()
        case "http":
            switch scheme["scheme"]?.stringValue?.lowercased() {
            case "basic":
                return basic()
            case "bearer":
                return bearer(description: "The bearer token.")
            default:
                let word = scheme["scheme"]?.stringValue ?? "?"
                let field = addField(
                    "credentials", description: "The credentials after `\(word)` in the Authorization header.",
                    secret: true)
                diagnostics.add(
                    "auth-scheme", "HTTP `\(word)` authentication is sent as a literal Authorization header",
                    at: pointer)
                return ImportAuth(
                    block: [
                        "type": "header", "name": "Authorization",
                        "value": .string("\(word) {{ $connection.\(field) }}"),
                    ], headerName: "authorization")
            }
        case "oauth2":
            return oauth2(scheme: scheme, scopes: scopes, at: pointer)
        case "openIdConnect":
            diagnostics.add(
                "auth-openid-connect",
                "OpenID Connect discovery is not supported; the app takes an access token as a bearer token",
                at: pointer, hint: "obtain a token from \(scheme["openIdConnectUrl"]?.stringValue ?? "the provider")")
            return bearer(description: "An access token from the OpenID Connect provider.")
        default:
            diagnostics.add("auth-unknown", "the security scheme type `\(type)` is not known; no auth", at: pointer)
            return ImportAuth()
        }
    }

    private mutating func basic() -> ImportAuth {
        let username = addField("username", description: "The user name.")
        let password = addField("password", description: "The password.", secret: true)
        return ImportAuth(
            block: [
                "type": "basic", "username": .string("{{ $connection.\(username) }}"),
                "password": .string("{{ $connection.\(password) }}"),
            ], headerName: "authorization")
    }

    private mutating func bearer(description: String) -> ImportAuth {
        let field = addField("access_token", description: description, secret: true)
        return ImportAuth(
            block: ["type": "bearer", "token": .string("{{ $connection.\(field) }}")], headerName: "authorization")
    }

    /// OAuth 2.0: client credentials as they are; the authorization code grant as a refresh token grant (Weft
    /// runs no browser consent); implicit and password grants as a bearer token.
    private mutating func oauth2(scheme: JSON, scopes: [String], at pointer: String) -> ImportAuth {
        var flows: [(kind: String, flow: JSON)] = []
        if let object = scheme["flows"]?.objectValue {
            flows = object.map { ($0.key, $0.value) }
        } else if let flow = scheme["flow"]?.stringValue {
            // Swagger 2.0: one flow, with different names.
            let kinds = [
                "application": "clientCredentials", "accessCode": "authorizationCode", "implicit": "implicit",
                "password": "password",
            ]
            flows = [(kinds[flow] ?? flow, scheme)]
        }
        func flow(_ kind: String) -> JSON? { flows.first { $0.kind == kind }?.flow }
        let scope = scopes.isEmpty ? nil : scopes.joined(separator: " ")

        if let flow = flow("clientCredentials"), let tokenURL = flow["tokenUrl"]?.stringValue {
            if flows.count > 1 {
                diagnostics.add(
                    "auth-oauth2", "of the OAuth 2.0 flows, client credentials is used", at: pointer)
            }
            return ImportAuth(
                block: oauth2Block("oauth2_client_credentials", tokenURL, scope), headerName: "authorization")
        }
        if let flow = flow("authorizationCode"), let tokenURL = flow["tokenUrl"]?.stringValue {
            let authorizeURL = flow["authorizationUrl"]?.stringValue
            diagnostics.add(
                "auth-oauth2",
                authorizeURL == nil
                    ? "the OAuth 2.0 authorization code flow becomes a refresh token grant: a connection holds a "
                        + "refresh token obtained once outside Weft"
                    : "the OAuth 2.0 authorization code flow becomes a refresh token grant with `authorize_url`: a "
                        + "server signs connections in through the browser; elsewhere a connection holds a refresh token",
                at: pointer,
                hint: "if the provider issues long-lived tokens instead, change the auth to `type: bearer`")
            return ImportAuth(
                block: oauth2Block(
                    "oauth2_refresh_token", tokenURL, scope, refreshToken: true, authorizeURL: authorizeURL),
                headerName: "authorization")
        }
        let kinds = flows.map(\.kind).joined(separator: ", ")
        diagnostics.add(
            "auth-oauth2",
            "the OAuth 2.0 flow\(flows.count == 1 ? "" : "s") (\(kinds.isEmpty ? "none" : kinds)) cannot be run by "
                + "Weft without a token endpoint; the app takes an access token as a bearer token",
            at: pointer)
        return bearer(description: "An OAuth 2.0 access token.")
    }

    private mutating func oauth2Block(
        _ type: String, _ tokenURL: String, _ scope: String?, refreshToken: Bool = false, authorizeURL: String? = nil
    ) -> JSON {
        let clientID = addField("client_id", description: "The OAuth 2.0 client id.")
        let clientSecret = addField("client_secret", description: "The OAuth 2.0 client secret.", secret: true)
        var block: JSONObject = ["type": .string(type)]
        if let authorizeURL { block["authorize_url"] = .string(authorizeURL) }
        block["token_url"] = .string(tokenURL)
        block["client_id"] = .string("{{ $connection.\(clientID) }}")
        block["client_secret"] = .string("{{ $connection.\(clientSecret) }}")
        if refreshToken {
            // With an authorization endpoint a server fills the field in by signing the connection in.
            let field = addField(
                "refresh_token",
                description: "A refresh token, obtained once through the provider's authorization code flow.",
                secret: true, required: authorizeURL == nil)
            block["refresh_token"] = .string("{{ $connection.\(field) }}")
        }
        if let scope { block["scope"] = .string(scope) }
        return .object(block)
    }
}
