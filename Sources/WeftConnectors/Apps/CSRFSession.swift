import WeftRuntime

/// The CSRF token of one app client (SAP Gateway style) and the session cookies that came with it.
///
/// The token is fetched on the first write and kept until the API refuses it. Callers that find no token while
/// another caller is fetching one wait for that fetch instead of starting their own.
actor CSRFSession {
    /// A token and the cookies of the session it belongs to.
    struct Credentials: Sendable, Equatable {
        /// The token, sent back in the token header.
        var token: String
        /// The `Cookie` header value: `name=value` pairs from the fetch's `Set-Cookie` headers, or empty.
        var cookies: String
    }

    private var current: Credentials?
    private var fetching = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// The current credentials, fetched with `fetch` when there are none.
    func credentials(fetch: @Sendable () async throws(StepFailure) -> Credentials) async throws(StepFailure)
        -> Credentials
    {
        while true {
            if let current { return current }
            if fetching {
                await withCheckedContinuation { waiters.append($0) }
                continue
            }
            fetching = true
            defer {
                fetching = false
                let waiting = waiters
                waiters.removeAll()
                for waiter in waiting { waiter.resume() }
            }
            let fetched = try await fetch()
            current = fetched
            return fetched
        }
    }

    /// Drops `credentials` after the API refused them; newer ones are kept.
    func reject(_ credentials: Credentials) {
        if current == credentials { current = nil }
    }

    /// The token and cookies held, to mask them in messages.
    var secrets: [String] {
        guard let current else { return [] }
        let values = current.cookies.split(separator: ";").compactMap { pair in
            pair.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init)
        }
        return [current.token] + values.filter { !$0.isEmpty }
    }
}
