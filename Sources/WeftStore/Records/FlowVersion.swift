import Foundation

/// One saved version of a flow: its YAML exactly as submitted. Versions are immutable and numbered from 1.
public struct FlowVersion: Sendable, Equatable {
    public var flowID: StoreID
    public var version: Int
    public var source: String
    /// The version of each app the flow uses, by app id, as resolved when this version was saved: runs of this
    /// version use exactly these, whatever is stored later.
    public var appVersions: [String: String]
    /// Who saved it.
    public var createdBy: StoreID
    public var createdAt: Date

    /// Creates a version record.
    public init(
        flowID: StoreID, version: Int, source: String, appVersions: [String: String] = [:], createdBy: StoreID,
        createdAt: Date
    ) {
        self.flowID = flowID
        self.version = version
        self.source = source
        self.appVersions = appVersions
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
