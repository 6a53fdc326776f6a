import Foundation
import WeftJSON
import WeftTestSupport

/// An OAuth 2.0 token endpoint for the client credentials grant, as ServiceTitan's and Microsoft Entra ID's are:
/// checks the form exactly (`grant_type`, `client_id`, `client_secret`, and `scope` when one is expected), and
/// issues numbered bearer tokens that the resource side can check and revoke.
final class ClientCredentialsIssuer: Sendable {
    let clientId: String
    let clientSecret: String
    /// The `scope` the form must carry, or nil when it must carry none.
    let scope: String?

    struct State: Sendable {
        var issued: [String] = []
        var revoked: Set<String> = []
        var forms: [[String: String]] = []
    }

    let state = Shared(State())

    init(clientId: String, clientSecret: String, scope: String?) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scope = scope
    }

    /// Answers a token request: 200 with a token, or 400/401 with an OAuth error.
    func token(_ request: RecordedRequest) -> TestResponse {
        guard request.method == "POST",
            request.header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        else {
            return SimulatorSupport.json(
                ["error": "invalid_request", "error_description": "form post expected"], status: 400)
        }
        var form: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        state.update { $0.forms.append(form) }
        guard form["grant_type"] == "client_credentials" else {
            return SimulatorSupport.json(["error": "unsupported_grant_type"], status: 400)
        }
        guard form["client_id"] == clientId, form["client_secret"] == clientSecret else {
            return SimulatorSupport.json(
                ["error": "invalid_client", "error_description": "The client credentials are not valid."], status: 401)
        }
        guard form["scope"] == scope else {
            return SimulatorSupport.json(
                [
                    "error": "invalid_scope",
                    "error_description": .string("The scope \(form["scope"] ?? "(none)") is not valid."),
                ],
                status: 400)
        }
        let token = state.update { state -> String in
            let token = "at-\(clientId)-\(state.issued.count + 1)"
            state.issued.append(token)
            return token
        }
        return SimulatorSupport.json(
            [
                "access_token": .string(token), "token_type": "Bearer", "expires_in": 3599,
                "scope": scope.map(JSON.string) ?? .null,
            ])
    }

    /// Whether `Authorization` carries a token issued here and not revoked.
    func accepts(_ request: RecordedRequest) -> Bool {
        guard let header = request.header("Authorization"), header.hasPrefix("Bearer ") else { return false }
        let token = String(header.dropFirst("Bearer ".count))
        let state = state.value
        return state.issued.contains(token) && !state.revoked.contains(token)
    }

    /// Revokes every token issued so far (the next call gets a 401 and must fetch a new one).
    func revokeAll() {
        state.update { state in state.revoked.formUnion(state.issued) }
    }

    /// How many tokens were issued.
    var issuedCount: Int { state.value.issued.count }
}
