import Crypto
import Foundation

/// Bearer credentials: session tokens (`ws_…`), API keys (`wk_…`), invitation tokens (`wi_…`) and sign-in states
/// (`st_…`) are 32 random bytes, base64url-encoded behind their prefix; only their SHA-256 is stored, so a leaked
/// database does not let anyone in.
public enum Credentials {
    /// A new session token.
    public static func newSessionToken() -> String { "ws_" + randomText() }

    /// A new API key.
    public static func newAPIKey() -> String { "wk_" + randomText() }

    /// A new invitation token.
    public static func newInvitationToken() -> String { "wi_" + randomText() }

    /// A new `state` for a browser sign-in (OAuth): it travels through the browser, only its hash is stored.
    public static func newSignInState() -> String { "st_" + randomText() }

    /// A new webhook address token (`wh_…`): the unguessable part of a flow's `/hooks/{token}` address.
    public static func newWebhookToken() -> String { "wh_" + randomText() }

    /// The stored form of a token or key: SHA-256, hex.
    public static func hash(_ credential: String) -> String {
        SHA256.hash(data: Array(credential.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
