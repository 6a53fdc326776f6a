/// Every tenant's data key, for one server process: created on a tenant's first secret, unwrapped from the
/// store on later use, and cached (a bounded number of them) so that opening a secret rarely touches the store.
///
/// A data key is created at most once per tenant in this process: concurrent first uses of one tenant wait for
/// each other rather than each creating a key, which would leave the secrets sealed with all but the last one
/// unreadable. A data key that is stored but cannot be unwrapped (the wrong master key, an altered row) is an
/// error and is never replaced by a new one, for the same reason.
public actor TenantKeyring {
    private let store: any WeftStore
    private let wrapper: DataKeyWrapper
    private var cache: KeyCache
    /// Tenants whose key is being read or created, and who waits for each.
    private var busy: [StoreID: [CheckedContinuation<Void, Never>]] = [:]

    /// The id of the master key this keyring unwraps with.
    public nonisolated let masterKeyID: KeyID

    /// A keyring reading and writing wrapped keys in `store`, holding at most `cacheCapacity` unwrapped keys.
    public init(store: some WeftStore, masterKey: MasterKey, cacheCapacity: Int = 1024) {
        self.store = store
        self.wrapper = DataKeyWrapper(masterKey: masterKey)
        self.cache = KeyCache(capacity: cacheCapacity)
        self.masterKeyID = masterKey.id
    }

    /// How many unwrapped keys are held in memory.
    public var cachedKeyCount: Int { cache.count }

    /// Drops the cached key of `tenant` (after the tenant is deleted, or its wrapped key was changed elsewhere).
    public func forget(tenant: StoreID) {
        cache.remove(tenant)
    }

    /// Drops every cached key.
    public func forgetAll() {
        cache.removeAll()
    }

    /// The data key of `tenant`; when it has none yet, a new one when `creating`, else `nil`.
    func dataKey(for tenant: StoreID, creating: Bool) async throws(SecretError) -> DataKey? {
        if let key = cache.key(for: tenant) {
            return key
        }
        await lock(tenant)
        defer { unlock(tenant) }
        if let key = cache.key(for: tenant) {
            return key
        }
        let tenantStore = store.tenant(tenant)
        let wrapped: [UInt8]?
        do {
            wrapped = try await tenantStore.wrappedDataKey()
        } catch {
            throw SecretError(.storeFailed, "Could not read the data key of tenant \(tenant): \(error.message)")
        }
        let key: DataKey
        if let wrapped {
            key = try wrapper.unwrap(wrapped, tenant: tenant)
        } else {
            guard creating else { return nil }
            let created = try wrapper.wrap(DataKey.generate(), tenant: tenant)
            let stored: [UInt8]
            do {
                stored = try await tenantStore.createWrappedDataKey(created)
            } catch {
                throw SecretError(.storeFailed, "Could not save the data key of tenant \(tenant): \(error.message)")
            }
            // Another process may have stored the tenant's first key just before: then that one is the key.
            key = try wrapper.unwrap(stored, tenant: tenant)
        }
        cache.insert(key, for: tenant)
        return key
    }

    private func lock(_ tenant: StoreID) async {
        if busy[tenant] == nil {
            busy[tenant] = []
            return
        }
        await withCheckedContinuation { continuation in
            busy[tenant, default: []].append(continuation)
        }
    }

    /// Hands the lock to the next waiter, if any, else frees it.
    private func unlock(_ tenant: StoreID) {
        guard var waiters = busy[tenant], !waiters.isEmpty else {
            busy[tenant] = nil
            return
        }
        let next = waiters.removeFirst()
        busy[tenant] = waiters
        next.resume()
    }
}

extension TenantKeyring: CustomStringConvertible, CustomReflectable {
    /// `TenantKeyring(master key: …)`: never a key.
    public nonisolated var description: String { "TenantKeyring(master key: \(masterKeyID))" }

    /// A mirror showing only the master key's id, so reflection never reaches the cached keys.
    public nonisolated var customMirror: Mirror {
        Mirror(self, children: ["masterKeyID": masterKeyID.description], displayStyle: .class)
    }
}
