extension JSON: CustomStringConvertible {
    /// The compact JSON text of this value, as ``serialized(indent:sortedKeys:)`` with no indent.
    public var description: String { serialized() }
}

extension JSON {
    /// The JSON text of this value, as JavaScript's `JSON.stringify(value, null, indent)` writes it.
    /// - Parameters:
    ///   - indent: Spaces per nesting level; 0 (the default) writes compact text.
    ///   - sortedKeys: Whether object members are written sorted by key instead of in stored order.
    public func serialized(indent: Int = 0, sortedKeys: Bool = false) -> String {
        JSONWriter(indent: indent, sortedKeys: sortedKeys).string(from: self)
    }

    /// The UTF-8 bytes of ``serialized(indent:sortedKeys:)``.
    public func serializedBytes(indent: Int = 0, sortedKeys: Bool = false) -> [UInt8] {
        JSONWriter(indent: indent, sortedKeys: sortedKeys).bytes(from: self)
    }
}
