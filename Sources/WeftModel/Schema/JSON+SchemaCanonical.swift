import WeftJSON

extension JSON {
    /// This value with the members of every object sorted by key, so that values JSON Schema considers equal
    /// (`enum`, `const`, `uniqueItems`: key order does not matter) are also equal as `JSON`.
    var schemaCanonical: JSON {
        switch self {
        case .array(let elements):
            return .array(elements.map(\.schemaCanonical))
        case .object(let object):
            var sorted = JSONObject(minimumCapacity: object.count)
            for key in object.keys.sorted() { sorted[key] = object[key]!.schemaCanonical }
            return .object(sorted)
        default:
            return self
        }
    }
}
