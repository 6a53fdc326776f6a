import Testing
import WeftStore

/// One check of the store contract, run against a fresh, migrated, empty store.
struct StoreCheck: Sendable, CustomTestStringConvertible {
    /// What it checks, as test reports show it (`flows: a name is unique in a tenant`).
    var name: String
    var body: @Sendable (any WeftStore) async throws -> Void

    init(_ name: String, _ body: @escaping @Sendable (any WeftStore) async throws -> Void) {
        self.name = name
        self.body = body
    }

    var testDescription: String { name }
}
