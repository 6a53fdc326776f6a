import SQLiteNIO
import WeftJSON
import WeftStore

extension FlowVersion {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "flow_id, version, source, app_versions, created_by, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            flowID: try row.id("flow_id"), version: try row.int("version"), source: try row.string("source"),
            appVersions: try Self.appVersions(row.json("app_versions")), createdBy: try row.id("created_by"),
            createdAt: try row.date("created_at")
        )
    }

    /// `{"app": "1.2.0", ...}` as a dictionary.
    static func appVersions(_ json: JSON) throws(UnreadableValue) -> [String: String] {
        guard case .object(let object) = json else { throw UnreadableValue(column: "app_versions") }
        var versions: [String: String] = [:]
        for (app, version) in object {
            guard case .string(let text) = version else { throw UnreadableValue(column: "app_versions") }
            versions[app] = text
        }
        return versions
    }

    /// The column's value for `versions`, keys sorted so equal pins are equal text.
    static func appVersionsData(_ versions: [String: String]) -> SQLiteData {
        var object = JSONObject()
        for app in versions.keys.sorted() { object[app] = .string(versions[app]!) }
        return .json(.object(object))
    }
}
