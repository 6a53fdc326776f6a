/// The unwrapped data keys a ``TenantKeyring`` keeps, at most ``capacity`` of them, dropping the least recently
/// used.
///
/// Unwrapping costs a store read; the bound keeps a server with many tenants from holding every tenant's key in
/// memory for its whole life (memory that a core dump or another bug could expose).
struct KeyCache {
    let capacity: Int
    private var entries: [StoreID: (key: DataKey, lastUse: UInt64)] = [:]
    private var uses: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a key cache holds at least one key")
        self.capacity = capacity
    }

    /// How many keys are held.
    var count: Int { entries.count }

    /// The key of `tenant`, if held, which then counts as just used.
    mutating func key(for tenant: StoreID) -> DataKey? {
        guard let entry = entries[tenant] else { return nil }
        uses += 1
        entries[tenant] = (entry.key, uses)
        return entry.key
    }

    /// Holds `key` for `tenant`, dropping the least recently used key when full.
    mutating func insert(_ key: DataKey, for tenant: StoreID) {
        if entries[tenant] == nil, entries.count >= capacity,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            entries[oldest] = nil
        }
        uses += 1
        entries[tenant] = (key, uses)
    }

    /// Drops the key of `tenant`.
    mutating func remove(_ tenant: StoreID) {
        entries[tenant] = nil
    }

    /// Drops every key.
    mutating func removeAll() {
        entries.removeAll()
    }
}
