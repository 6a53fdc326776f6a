import Synchronization
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// How a hosted poll calls its action: through the organization's stored connections, opened afresh for every
/// call (so an edited connection or a refreshed token is used by the next poll without restarting the trigger),
/// with the apps pinned by the flow version and one client pool for the trigger's lifetime.
final class PollActions: ActionCalling {
    let tenant: any TenantStore
    let sealer: SecretSealer
    /// The connections the flow names (`connections:`), the only ones a poll may use.
    let connectionNames: [String]
    let apps: [String: AppManifest]
    let pool: AppClientPool
    /// The secret strings of the connections as last opened, to mask in what the trigger reports.
    private let openedSecrets = Mutex<[String]>([])

    /// Creates the caller for one flow version's poll.
    init(
        tenant: any TenantStore, sealer: SecretSealer, connectionNames: [String], apps: [String: AppManifest],
        pool: AppClientPool
    ) {
        self.tenant = tenant
        self.sealer = sealer
        self.connectionNames = connectionNames
        self.apps = apps
        self.pool = pool
    }

    func call(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        try await opened().call(action, connection: connection, input: input, context: context)
    }

    func authorize(_ request: HTTPRequest, connection: String, context: EffectContext) async throws(StepFailure)
        -> HTTPRequest
    {
        try await opened().authorize(request, connection: connection, context: context)
    }

    func secrets(of connection: String) -> [String] { knownSecrets }

    /// Every secret string of the flow's connections, as last opened.
    var knownSecrets: [String] { openedSecrets.withLock { $0 } }

    /// `text` with every known secret masked.
    func masked(_ text: String) -> String {
        let secrets = knownSecrets
        return secrets.isEmpty ? text : Redactor(secrets: secrets).mask(text)
    }

    /// The flow's connections as stored now, opened in memory.
    private func opened() async throws(StepFailure) -> LocalActions {
        var connections: [String: ConnectionValues] = [:]
        var secrets: [String] = []
        for name in connectionNames {
            do {
                guard let stored = try await tenant.connection(name: name) else { continue }
                let opened = try await ConnectionSecrets.open(stored, sealer: sealer)
                connections[name] = opened.values
                secrets += opened.secrets
            } catch {
                // The cause may describe sealed data; the name is enough to act on.
                throw StepFailure(.configuration, "the connection `\(name)` cannot be opened")
            }
        }
        openedSecrets.withLock { $0 = secrets }
        return LocalActions(apps: apps, connections: connections, pool: pool)
    }
}
