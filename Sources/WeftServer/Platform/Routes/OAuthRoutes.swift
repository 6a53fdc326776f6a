import Foundation
import Hummingbird
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// Signing a connection in through its provider's consent page (OAuth 2.0 authorization code with PKCE), for
/// apps whose auth is `oauth2_refresh_token` with an `authorize_url`. A Builder starts it and opens the address
/// the server answers; the provider sends the browser back to `/v1/oauth/callback`, where the code is redeemed
/// (behind the egress guard) and the refresh token sealed into the connection. Runs then refresh access tokens
/// from it as any `oauth2_refresh_token` app does.
struct OAuthRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    let sealer: SecretSealer
    let outbound: any HTTPTransport
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/connections/:name/oauth/start",
            "Start signing a connection in: answers the provider address to open in a browser", role: .builder
        ) { _, context in try await start(context) }
        api.on(
            .get, "oauth/callback", "Where the provider sends the browser back (?code, ?state or ?error)",
            role: nil, authenticated: false
        ) { request, _ in try await callback(request) }
    }

    func start(_ context: WeftRequestContext) async throws -> Response {
        let tenant = try await access.tenantStore(context, role: .builder)
        let name = context.parameters.get("name") ?? ""
        guard let connection = try await tenant.connection(name: name) else {
            throw APIError.notFound("the connection")
        }
        let app = try await TenantApps(tenant: tenant).app(connection.appID).manifest
        let values = try await ConnectionSecrets.open(connection, sealer: sealer).values
        let grant: OAuth2AuthorizationCode
        do throws(StepFailure) {
            grant = try OAuth2SignIn.grant(app: app, connection: values, redirectURI: configuration.oauthRedirectURI)
        } catch {
            throw APIError(.unprocessableContent, "no_browser_sign_in", error.message)
        }
        let state = Credentials.newSignInState()
        let verifier = OAuth2AuthorizationCode.makeVerifier()
        let address: String
        do throws(AuthError) {
            address = try grant.authorizationURL(state: state, verifier: verifier)
        } catch {
            throw APIError(.unprocessableContent, "no_browser_sign_in", error.message)
        }
        let expiresAt = Date().addingTimeInterval(DurationText.seconds(configuration.signInLifetime))
        try await store.saveOAuthSignIn(
            OAuthSignIn(
                stateHash: Credentials.hash(state), tenantID: tenant.tenantID, connectionName: name,
                codeVerifier: verifier, redirectURI: grant.redirectURI, startedBy: context.identity!.actorID,
                expiresAt: expiresAt))
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "connection.sign_in_started", target: name, details: [:])
        return JSONResponse.make(
            .ok, ["authorize_url": .string(address), "expires_at": .string(ISO8601.string(expiresAt))])
    }

    func callback(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let state = query["state"].map(String.init) ?? ""
        let signIn = state.isEmpty ? nil : try await store.takeOAuthSignIn(stateHash: Credentials.hash(state))
        guard let signIn else {
            throw APIError(
                .badRequest, "unknown_sign_in", "this sign-in is unknown, used or expired; start it again")
        }
        if let error = query["error"].map(String.init) {
            let description = query["error_description"].map { ": \($0)" } ?? ""
            throw APIError(
                .badRequest, "sign_in_refused",
                "the provider did not sign the connection in (\(error.prefix(100))\(description.prefix(300)))")
        }
        guard let code = query["code"].map(String.init), !code.isEmpty else {
            throw APIError(.badRequest, "invalid_query", "the provider sent no `code`")
        }
        let tenant = store.tenant(signIn.tenantID)
        guard var connection = try await tenant.connection(name: signIn.connectionName) else {
            throw APIError.notFound("the connection")
        }
        let app = try await TenantApps(tenant: tenant).app(connection.appID).manifest
        let values = try await ConnectionSecrets.open(connection, sealer: sealer).values
        let token: OAuth2Token
        do throws(StepFailure) {
            let grant = try OAuth2SignIn.grant(app: app, connection: values, redirectURI: signIn.redirectURI)
            token = try await OAuth2SignIn.redeem(
                grant, code: code, verifier: signIn.codeVerifier, transport: outbound,
                now: Int64(Date().timeIntervalSince1970))
        } catch {
            throw APIError(.badGateway, "sign_in_failed", error.message)
        }
        guard let field = OAuth2SignIn.refreshTokenField(of: app), let refreshToken = token.refreshToken else {
            throw APIError(
                .badGateway, "sign_in_failed",
                "the provider answered no refresh token; ask for offline access in the app's `scope` or `params`")
        }
        var secrets = try await ConnectionSecrets.sealedFields(of: connection, sealer: sealer)
        secrets[field] = .string(refreshToken.reveal())
        connection.sealedSecrets = try await ConnectionSecrets.seal(
            secrets, tenant: signIn.tenantID, id: connection.id, sealer: sealer)
        connection.updatedAt = Date()
        try await tenant.saveConnection(connection)
        try await tenant.appendAudit(
            actor: signIn.startedBy, action: "connection.signed_in", target: connection.name,
            details: ["field": .string(field)])
        return JSONResponse.make(
            .ok, ["connected": true, "connection": .string(connection.name), "message": "You can close this window."])
    }
}
