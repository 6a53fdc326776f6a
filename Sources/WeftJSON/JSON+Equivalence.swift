extension JSON {
    /// Deep equality in which the order of object members does not matter (`==` compares it).
    public func isEquivalent(to other: JSON) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let match = b[key], value.isEquivalent(to: match) else { return false }
            }
            return true
        default:
            return self == other
        }
    }
}
