import WeftStore

/// A store with wrapped keys in memory, a master key and a sealer using both: what most secret tests start from.
struct SealerFixture {
    let store = MemoryKeyStore()
    let masterKey: MasterKey
    let sealer: SecretSealer

    init(masterKey: MasterKey = .generate(), cacheCapacity: Int = 1024) {
        self.masterKey = masterKey
        self.sealer = SecretSealer(
            keyring: TenantKeyring(store: store, masterKey: masterKey, cacheCapacity: cacheCapacity))
    }

    /// A sealer on the same store with another master key, or the same one with an empty cache.
    func sealer(masterKey: MasterKey) -> SecretSealer {
        SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey))
    }
}

/// Whether `needle` occurs anywhere in `haystack`.
func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    return (0...(haystack.count - needle.count)).contains { start in
        haystack[start..<(start + needle.count)].elementsEqual(needle)
    }
}
