import WeftStore

/// Everything one organization holds, to show that something else left it unchanged.
struct TenantSnapshot: Equatable {
    var details: Tenant?
    var members: [User]
    var memberships: [Membership]
    var apiKeys: [APIKey]
    var audit: [AuditEntry]
    var flows: [StoredFlow]
    var versions: [FlowVersion]
    var apps: [StoredApp]
    var connections: [StoredConnection]
    var dataKey: [UInt8]?
    var runs: [StoredRun]

    init(_ tenant: any TenantStore) async throws {
        details = try await tenant.details()
        let members = try await tenant.members()
        self.members = members.map(\.user)
        memberships = members.map(\.membership)
        apiKeys = try await tenant.apiKeys()
        audit = try await tenant.auditLog(limit: 500, before: nil)
        flows = try await tenant.flows()
        var versions: [FlowVersion] = []
        for flow in flows { versions += try await tenant.flowVersions(flowID: flow.id) }
        self.versions = versions
        var apps: [StoredApp] = []
        for app in try await tenant.apps() { apps += try await tenant.appVersions(id: app.appID) }
        self.apps = apps
        connections = try await tenant.connections()
        dataKey = try await tenant.wrappedDataKey()
        runs = try await tenant.runs(RunQuery(limit: 500)).runs
    }
}
