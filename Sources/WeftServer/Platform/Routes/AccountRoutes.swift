import Foundation
import Hummingbird
import HummingbirdBcrypt
import WeftJSON
import WeftRuntime
import WeftStore

/// Signing up, logging in and out, and one's own account: `/v1/auth/*` and `/v1/me`.
struct AccountRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "auth/signup", "Create an account and sign in (with `invitation`, join its organization)", role: nil,
            authenticated: false, body: ["email", "name", "password", "invitation"], success: .created
        ) { request, _ in try await signUp(request) }
        api.on(.post, "auth/login", "Sign in", role: nil, authenticated: false, body: ["email", "password"]) {
            request, _ in try await logIn(request)
        }
        api.on(.post, "auth/logout", "Sign out (revoke this session)", role: nil, success: .noContent) { _, context in
            try await logOut(context)
        }
        api.on(.get, "me", "Your account and organizations", role: nil) { _, context in try await me(context) }
        api.on(.delete, "me", "Delete your account and its personal data", role: nil, success: .noContent) {
            _, context in try await deleteMe(context)
        }
    }

    func signUp(_ request: Request) async throws -> Response {
        let body = try await JSONBody.read(
            request, configuration: configuration, allowed: ["email", "name", "password", "invitation"])
        let email = try body.email()
        let name = try body.string("name", maximumLength: 200)!
        let password = try body.string("password", maximumLength: 200)!
        let invitation = try body.string("invitation", required: false, maximumLength: 200)
        if let invitation {
            // Checked before the account exists, so a bad invitation creates nothing.
            _ = try await InvitationRoutes.invitation(token: invitation, email: email, store: store)
        }
        guard password.count >= configuration.minimumPasswordLength else {
            throw APIError(
                .unprocessableContent, "weak_password",
                "the password must have at least \(configuration.minimumPasswordLength) characters")
        }
        let hash = Bcrypt.hash(password, cost: configuration.bcryptCost)
        let user: User
        do throws(StoreError) {
            user = try await store.createUser(email: email, name: name, passwordHash: hash)
        } catch {
            if error.code == .conflict {
                throw APIError(.conflict, "email_taken", "an account with this email exists; log in instead")
            }
            throw error
        }
        let token = try await startSession(for: user)
        var answer: JSONObject = ["user": user.json, "token": token.json]
        if let invitation {
            let membership = try await InvitationRoutes.accept(token: invitation, by: user, store: store)
            answer["joined"] = [
                "organization_id": .string(membership.tenantID.rawValue), "role": .string(membership.role.rawValue),
            ]
        }
        return JSONResponse.make(.created, .object(answer))
    }

    func logIn(_ request: Request) async throws -> Response {
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["email", "password"])
        let email = try body.string("email", maximumLength: 254)!.lowercased()
        let password = try body.string("password", maximumLength: 200)!
        // The same answer for an unknown email and a wrong password, so the API does not tell which emails exist.
        guard let user = try await store.user(email: email), Bcrypt.verify(password, hash: user.passwordHash) else {
            throw APIError(.unauthorized, "invalid_login", "the email or the password is wrong")
        }
        let token = try await startSession(for: user)
        return JSONResponse.make(.ok, ["user": user.json, "token": token.json])
    }

    func logOut(_ context: WeftRequestContext) async throws -> Response {
        guard case .user(_, let session)? = context.identity else { throw APIError.unauthenticated }
        try await store.revokeAccessToken(id: session.id)
        return Response(status: .noContent)
    }

    func me(_ context: WeftRequestContext) async throws -> Response {
        let user = try access.user(context)
        let organizations = try await store.memberships(userID: user.id).map { membership -> JSON in
            ["organization": membership.tenant.json, "role": .string(membership.role.rawValue)]
        }
        return JSONResponse.make(.ok, ["user": user.json, "organizations": .array(organizations)])
    }

    func deleteMe(_ context: WeftRequestContext) async throws -> Response {
        let user = try access.user(context)
        try await store.deleteUser(id: user.id)
        return Response(status: .noContent)
    }

    /// A new session for `user`: the token (shown once) and its expiry.
    private func startSession(for user: User) async throws -> (token: String, expiresAt: Date, json: JSON) {
        let token = Credentials.newSessionToken()
        let (seconds, _) = configuration.sessionLifetime.components
        let expiresAt = Date().addingTimeInterval(Double(seconds))
        _ = try await store.createAccessToken(userID: user.id, tokenHash: Credentials.hash(token), expiresAt: expiresAt)
        return (token, expiresAt, ["value": .string(token), "expires_at": .string(ISO8601.string(expiresAt))])
    }
}
