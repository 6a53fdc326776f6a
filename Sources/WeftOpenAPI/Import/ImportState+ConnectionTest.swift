import WeftJSON

extension ImportState {
    /// Path endings of cheap reads that prove credentials, most telling first.
    static let connectionTestPaths = [
        "/me", "/user", "/users/me", "/whoami", "/self", "/current_user", "/auth.test", "/account", "/profile",
        "/accounts",
    ]

    /// The action that checks a connection: a GET without path parameters or required inputs whose path reads
    /// "the current user" or "the account" (`GET /user`, `GET /v1/account`, Slack's `auth.test`); `nil` when no
    /// action looks like one.
    mutating func connectionTest(_ actions: JSONObject) -> String? {
        var best: (rank: Int, name: String)?
        for (name, action) in actions {
            guard action["method"] == "GET", let path = action["path"]?.stringValue, !path.contains("{{"),
                action["input"]?["required"] == nil
            else { continue }
            var trimmed = path.lowercased()
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            if trimmed.hasSuffix(".json") { trimmed.removeLast(5) }
            guard let rank = Self.connectionTestPaths.firstIndex(where: { trimmed.hasSuffix($0) }) else { continue }
            if best == nil || rank < best!.rank { best = (rank, name) }
        }
        guard let best else { return nil }
        diagnostics.add(
            "connection-test",
            "`\(best.name)` checks connections (`connection.test`): a read without inputs that needs the credentials",
            at: "/paths")
        return best.name
    }
}
