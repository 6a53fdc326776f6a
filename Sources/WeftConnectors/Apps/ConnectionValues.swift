import WeftJSON
import WeftModel

/// A connection as a run sees it: the app it is for and its field values (secrets included, in memory only).
public struct ConnectionValues: Sendable {
    public var name: String
    public var app: String
    public var fields: [String: JSON]

    /// Creates connection values.
    public init(name: String, app: String, fields: [String: JSON]) {
        self.name = name
        self.app = app
        self.fields = fields
    }

    /// The values as the `$connection` binding of app templates.
    public var binding: JSON {
        var object = JSONObject()
        for key in fields.keys.sorted() { object[key] = fields[key] }
        return .object(object)
    }
}

extension ConnectionValues {
    /// The values with the app's defaults filled in for fields the connection leaves out, and the names of the
    /// required fields that are still missing.
    public func completed(for app: AppManifest) -> (values: ConnectionValues, missing: [String]) {
        var result = self
        var missing: [String] = []
        for (name, field) in app.connectionFields where fields[name] == nil || fields[name] == .null {
            if let value = field.defaultValue {
                result.fields[name] = value
            } else if field.required {
                missing.append(name)
            }
        }
        return (result, missing)
    }
}
